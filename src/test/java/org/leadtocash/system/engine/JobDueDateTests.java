package org.leadtocash.system.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Acquisition reads {@code DUEDATE_ <= now} only ({@code ensureJobDueDateNotNull}): every job must carry a due date,
 * including async continuations, and a job left without one by an earlier version gets one at start-up.
 */
@AppTest
class JobDueDateTests {
    @Autowired LeadIntake intake;
    @Autowired ManagementService managementService;
    @Autowired JobAcquisitionIndex acquisition;
    @Autowired JdbcClient jdbc;
    @Autowired TestData data;

    @BeforeEach
    void setUp() {
        data.reset();
    }

    @Test
    void asyncRoutingJobHasADueDateAndAnUndatedJobGetsOne() {
        String pi = intake.receive(TestData.leadBody("WEBSITE_FORM", "EAST", "30000"), LeadSource.WEBSITE_FORM).lead().processInstanceId();
        Job routing = managementService.createJobQuery().processInstanceId(pi).activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult();
        assertThat(routing.getDuedate()).as("async continuation due now").isNotNull();
        assertThat(managementService.createJobQuery().executable().processInstanceId(pi).count()).isEqualTo(1);

        jdbc.sql("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE ID_ = ?").param(routing.getId()).update();
        acquisition.ensureIndex();

        assertThat(managementService.createJobQuery().jobId(routing.getId()).singleResult().getDuedate()).isNotNull();
    }
}
