package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing table {@code bpmn/lead-routing.dmn} over every source × budget tier × region, with the tier
 * boundaries (R-02: &lt;50,000 small; 50,000–200,000 mid; &gt;200,000 large).
 */
class LeadRoutingDecisionTests {
    private static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private static DmnDecision routing;
    private static DmnDecision tier;
    /** The regions V9 ships, with their Chinese names: the rows of the shipped table name exactly these. */
    private static final Map<String, String> SHIPPED_REGIONS = Map.of("EAST", "华东", "SOUTH", "华南", "NORTH", "华北");

    @BeforeAll
    static void parse() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("bpmn/lead-routing.dmn"))) {
            List<DmnDecision> decisions = ENGINE.parseDecisions(in);
            routing = decisions.stream().filter(d -> d.getKey().equals(LeadRoutingProcess.DECISION)).findFirst().orElseThrow();
            tier = decisions.stream().filter(d -> d.getKey().equals(LeadRoutingProcess.BUDGET_TIER_DECISION)).findFirst().orElseThrow();
        }
    }

    @ParameterizedTest(name = "budget {0} → {1}")
    @CsvSource({"0.01, SMALL", "1, SMALL", "49999.99, SMALL", "50000, MID", "50000.01, MID", "120000, MID",
            "199999.99, MID", "200000, MID", "200000.01, LARGE", "5000000, LARGE"})
    void classifiesBudgetTiersWithExactBoundaries(double budget, String expected) {
        DmnDecisionResult result = ENGINE.evaluateDecision(tier, Variables.createVariables().putValue("budgetCny", budget));
        assertThat((Object) result.getSingleResult().getSingleEntry()).isEqualTo(expected);
    }

    static Stream<Arguments> everyCombination() {
        List<Arguments> all = new ArrayList<>();
        double[] budgets = {30000, 49999.99, 50000, 120000, 200000, 200000.01, 800000};
        for (LeadSource source : LeadSource.values()) {
            for (double budget : budgets) {
                for (String region : SHIPPED_REGIONS.keySet()) {
                    all.add(Arguments.of(source, budget, region));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @MethodSource("everyCombination")
    void routesEverySourceTierAndRegionCombination(LeadSource source, double budget, String region) {
        Map<String, Object> row = ENGINE.evaluateDecision(routing, Variables.createVariables()
                .putValue("source", source.name()).putValue("budgetCny", budget).putValue("region", region))
                .getSingleResult().getEntryMap();
        String tierName = budget < 50000 ? "SMALL" : budget <= 200000 ? "MID" : "LARGE";

        String expectedPreferred;
        String expectedRule;
        if (source == LeadSource.WEBSITE_FORM && tierName.equals("LARGE")) {
            // the source text's rule: 预算>20万且来自官网的线索,优先分给张伟或李娜
            expectedPreferred = "zhangwei,lina";
            expectedRule = "官网大额线索";
        } else if (source == LeadSource.TRADE_SHOW_QR && tierName.equals("LARGE")) {
            expectedPreferred = switch (region) {
                case "EAST" -> "lina";
                case "SOUTH" -> "chenjing";
                case "NORTH" -> "zhaoqiang";
                default -> throw new IllegalArgumentException(region);
            };
            expectedRule = "展会大额";
        } else if (tierName.equals("MID") && region.equals("SOUTH")) {
            expectedPreferred = "liuyang";
            expectedRule = "华南中额";
        } else {
            expectedPreferred = "";
            expectedRule = SHIPPED_REGIONS.get(region) + "区域默认";
        }
        assertThat(row.get("team")).as("team").isEqualTo(region);
        assertThat(row.get("preferredReps")).as("preferred reps").isEqualTo(expectedPreferred);
        assertThat((String) row.get("ruleName")).as("rule").startsWith(expectedRule);

        RoutingDecision decision = RoutingDecision.from(row, region);
        assertThat(decision.team()).isEqualTo(region);
        assertThat(String.join(",", decision.preferredReps())).isEqualTo(expectedPreferred);
    }
}
