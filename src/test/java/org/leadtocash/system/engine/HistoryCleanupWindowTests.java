package org.leadtocash.system.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.time.ZoneId;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;

/** History cleanup has a nightly window in the team's zone, converted to the engine's (JVM) zone. */
@AppTest
class HistoryCleanupWindowTests {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired ProcessEngine engine;

    @Test
    void theEngineHasTheNightlyWindowOfTheTeamsClock() {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        HistoryCleanupWindow expected = new HistoryCleanupWindow(LocalTime.of(1, 0), LocalTime.of(5, 0), SHANGHAI, ZoneId.systemDefault());
        assertThat(config.getHistoryCleanupBatchWindowStartTime()).isEqualTo(expected.inEngineZone(LocalTime.of(1, 0)));
        assertThat(config.getHistoryCleanupBatchWindowEndTime()).isEqualTo(expected.inEngineZone(LocalTime.of(5, 0)));
    }

    @Test
    void convertsTheTeamsNightToAnEngineRunningInUtc() {
        HistoryCleanupWindow window = new HistoryCleanupWindow(LocalTime.of(1, 0), LocalTime.of(5, 0), SHANGHAI, ZoneId.of("UTC"));
        assertThat(window.inEngineZone(LocalTime.of(1, 0))).isEqualTo("17:00");
        assertThat(window.inEngineZone(LocalTime.of(5, 0))).isEqualTo("21:00");
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> new HistoryCleanupWindow(LocalTime.of(2, 0), LocalTime.of(2, 0), SHANGHAI, ZoneId.of("UTC")))
                .hasMessageContaining("window-start and -end must differ");
    }
}
