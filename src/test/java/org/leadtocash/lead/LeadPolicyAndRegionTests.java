package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.LeadPolicyDeployment;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11, changes 4 and 5: the capacity and the deal window are the owner's decision {@code leadPolicy}
 * ({@code bpmn/lead-policy.dmn}) and a changed table deployed while the app runs applies to the next assignment; a region
 * added as data (西南 SOUTHWEST) takes leads and routes them to its own team through the shipped routing table.
 */
@AppTest
class LeadPolicyAndRegionTests {
    @Autowired LeadIntake intake;
    @Autowired LeadPolicy policy;
    @Autowired Regions regions;
    @Autowired SalesTeam salesTeam;
    @Autowired LeadQueries queries;
    @Autowired RepositoryService repositoryService;
    @Autowired ManagementService managementService;
    @Autowired TestData data;

    @BeforeEach
    void setUp() {
        data.reset();
    }

    @AfterEach
    void shippedPolicy() {
        LeadPolicyDeployment.restoreShipped(repositoryService);
    }

    @Test
    void shippedPolicyIsEightOpenLeadsAndSevenDays() {
        assertThat(policy.maxOpenLeads("EAST")).isEqualTo(8);
        assertThat(policy.signedDealWindow()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void capacityOfTenAppliesOnceTheOwnerDeploysItWithoutRestart() {
        data.deactivateAllRepsExcept("zhangwei");
        data.openLeads("zhangwei", 9, Instant.now().minus(Duration.ofHours(1)));

        Lead skipped = routed("EAST");
        assertThat(queries.lead(skipped.id(), null).status()).as("9 open leads > 8: skipped").isEqualTo(LeadStatus.UNASSIGNED);
        assertThat(queries.lead(skipped.id(), null).routingExplanation()).contains("more than 8 open leads");

        LeadPolicyDeployment.deploy(repositoryService, 10, 7);
        assertThat(policy.maxOpenLeads("EAST")).isEqualTo(10);
        Lead assigned = routed("EAST");
        assertThat(queries.lead(assigned.id(), null).assignee()).as("9 open leads <= 10: eligible").isEqualTo("zhangwei");
    }

    @Test
    void dealWindowComesFromTheDeployedPolicy() {
        LeadPolicyDeployment.deploy(repositoryService, 8, 30);
        assertThat(policy.signedDealWindow()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aRegionAddedAsDataRoutesItsLeadsToItsOwnTeam() {
        assertThatThrownBy(() -> intake.receive(TestData.leadBody("WEBSITE_FORM", "SOUTHWEST", "30000"), LeadSource.WEBSITE_FORM))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("region");

        regions.save("SOUTHWEST", "西南", true, "limin");
        salesTeam.save(new SalesStaff("test-sw-1", "西南一号", SalesStaff.REP, "SOUTHWEST", "13800000101", true));
        salesTeam.save(new SalesStaff("test-sw-2", "西南二号", SalesStaff.REP, "SOUTHWEST", "13800000102", true));
        data.openLeads("test-sw-1", 1, Instant.now().minus(Duration.ofHours(1)));

        Lead lead = routed("SOUTHWEST");
        Lead stored = queries.lead(lead.id(), null);
        assertThat(stored.region()).isEqualTo("SOUTHWEST");
        assertThat(stored.assignee()).as("the SOUTHWEST team, fewest open leads").isEqualTo("test-sw-2");
        assertThat(stored.routingExplanation()).contains("SOUTHWEST");
    }

    @Test
    void anInactiveRegionTakesNoNewLeads() {
        regions.save("SOUTH", "华南", false, "limin");
        assertThatThrownBy(() -> intake.receive(TestData.leadBody("WEBSITE_FORM", "SOUTH", "30000"), LeadSource.WEBSITE_FORM))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("region");
        assertThat(regions.activeCodes()).containsExactly("EAST", "NORTH");
    }

    @Test
    void aRegionCodeBreakingTheRuleIsRefusedNamingFieldAndRule() {
        assertThatThrownBy(() -> regions.save("south west", "", true, "limin"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(f -> f.field() + "/" + f.rule()).containsExactly("code/region-code", "name/required"));
        assertThat(regions.all()).extracting(Region::code).containsExactly("EAST", "NORTH", "SOUTH");
    }

    private Lead routed(String region) {
        Lead lead = intake.receive(TestData.leadBody("WEBSITE_FORM", region, "30000"), LeadSource.WEBSITE_FORM).lead();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(lead.processInstanceId())
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult().getId());
        return lead;
    }
}
