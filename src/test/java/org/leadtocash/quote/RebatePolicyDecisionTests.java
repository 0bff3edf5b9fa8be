package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadtocash.support.AppTest;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rebate policy as deployed: {@code bpmn/rebate-policy.dmn} evaluated through the engine's DecisionService.
 * Every tier has its rate; an unknown tier is refused with an error naming {@code customerTier} (never a silent 0%).
 */
@AppTest
class RebatePolicyDecisionTests {
    @Autowired RebatePolicy rebatePolicy;
    @Autowired RepositoryService repositoryService;
    @Autowired IdentityService identityService;

    @AfterEach
    void tearDown() {
        identityService.clearAuthentication();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"KA, 0.0800", "COMMUNITY, 0.0500", "CHAIN, 0.0600", "DISTRIBUTOR, 0.0300", "OTHER, 0.0000"})
    void givesTheRebateOfEveryTierAsAFractionAtScaleFour(String tier, String expected) {
        BigDecimal rate = rebatePolicy.rebateRate(tier);

        assertThat(rate).isEqualTo(new BigDecimal(expected));
        assertThat(rate.scale()).isEqualTo(RebatePolicy.SCALE);
    }

    @Test
    void hasExactlyOneRuleForEveryCustomerTier() {
        // the tiers are the decision's own input values (there is no CustomerTier enum any more)
        assertThat(rebatePolicy.codes()).containsExactly("KA", "COMMUNITY", "CHAIN", "DISTRIBUTOR", "OTHER");
        for (String tier : rebatePolicy.codes()) {
            assertThat(rebatePolicy.rebateRate(tier)).as(tier).isBetween(BigDecimal.ZERO, new BigDecimal("0.9999"));
            assertThat(rebatePolicy.rebateRate(" " + tier + " ")).isEqualTo(rebatePolicy.rebateRate(tier));
        }
    }

    @Test
    void kaHypermarketGetsEightPercentAndCommunityStoreFivePercentAsTheSourceTextSays() {
        assertThat(rebatePolicy.rebateRate("KA")).isEqualByComparingTo("0.08");
        assertThat(rebatePolicy.rebateRate("COMMUNITY")).isEqualByComparingTo("0.05");
    }

    @Test
    void ignoresSurroundingBlanks() {
        assertThat(rebatePolicy.rebateRate("  KA ")).isEqualTo(new BigDecimal("0.0800"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"VIP", "ka", "K A", "SUPERMARKET", "OTHERS"})
    void refusesAnUnknownTierNamingCustomerTierAndTheKnownTiers(String tier) {
        assertThatThrownBy(() -> rebatePolicy.rebateRate(tier))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors())
                        .singleElement().satisfies(err -> {
                            assertThat(err.field()).isEqualTo("customerTier");
                            assertThat(err.rule()).isEqualTo("known-tier");
                            assertThat(err.message()).contains(tier.strip(), "KA", "COMMUNITY", "CHAIN", "DISTRIBUTOR", "OTHER");
                        }));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void refusesAMissingTierNamingCustomerTier(String tier) {
        assertThatThrownBy(() -> rebatePolicy.rebateRate(tier))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("customerTier").hasMessageContaining("required");
        assertThatThrownBy(() -> rebatePolicy.rebateRate((String) null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("customerTier");
    }

    @Test
    void aRepWithoutRightsOnTheDecisionDefinitionStillGetsHisCustomersRebate() {
        identityService.setAuthentication("zhangwei", List.of(Groups.SALES_REP));

        assertThat(rebatePolicy.rebateRate("COMMUNITY")).isEqualTo(new BigDecimal("0.0500"));
        assertThat(identityService.getCurrentAuthentication().getUserId()).as("the caller's authentication is kept").isEqualTo("zhangwei");
    }

    @Test
    void theDecisionIsDeployedFromBpmnWithItsHistoryTimeToLive() {
        DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
                .decisionDefinitionKey(RebatePolicy.DECISION).latestVersion().singleResult();

        assertThat(definition).isNotNull();
        assertThat(definition.getResourceName()).endsWith("rebate-policy.dmn");
        assertThat(definition.getHistoryTimeToLive()).isEqualTo(180);
    }
}
