package org.leadtocash.system.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.leadtocash.shared.Groups;
import org.leadtocash.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@code metrics} group that {@code /actuator/prometheus} requires exists after start-up without anyone creating it
 * in Camunda Admin, and the start-up set-up recreates it when missing without ever duplicating it.
 */
@AppTest
class MetricsGroupTests {
    @Autowired IdentityService identityService;
    @Autowired IdentitySetup identitySetup;

    @Test
    void theMetricsGroupIsCreatedAtStartIfMissingAndOnlyOnce() {
        if (identityService.createGroupQuery().groupId(Groups.METRICS).count() > 0) {
            identityService.deleteGroup(Groups.METRICS);
        }

        identitySetup.setUp();
        identitySetup.setUp();

        assertThat(identityService.createGroupQuery().groupId(Groups.METRICS).list())
                .singleElement().satisfies(g -> assertThat(g.getName()).contains("Metrics"));
    }
}
