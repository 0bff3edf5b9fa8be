package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.BusinessTripProcess.Task;
import org.leadtocash.lead.BusinessTripProcess.Vars;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.EngineClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code bpmn/business-trip.bpmn} started from its Tasklist start form: a rep enters his own trip, a manager enters a
 * rep's trip, a rep cannot enter another rep's trip, and invalid dates are refused. Refused starts store nothing.
 */
@AppTest
class BusinessTripProcessTests {
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired SalesTeam salesTeam;
    @Autowired EngineClock clock;
    @Autowired TestData data;

    @BeforeEach
    void setUp() {
        data.reset();
    }

    @Test
    void repRecordsHisOwnTripWhenNoRepIsNamed() {
        LocalDate start = clock.today().plusDays(1);
        ProcessInstance pi = startAs("zhangwei", Groups.SALES_REP, tripForm("", start, start.plusDays(2), "杭州客户拜访"));

        assertThat(pi).isEnded().hasPassed(Task.RECORD_TRIP, BusinessTripProcess.Event.TRIP_RECORDED);
        assertThat(salesTeam.trips("zhangwei")).singleElement().satisfies(t -> {
            assertThat(t.startDate()).isEqualTo(start);
            assertThat(t.endDate()).isEqualTo(start.plusDays(2));
            assertThat(t.note()).isEqualTo("杭州客户拜访");
            assertThat(t.createdBy()).isEqualTo("zhangwei");
        });
        assertThat(pi).variables().containsEntry(Vars.TRIP_INITIATOR, "zhangwei").containsEntry(Vars.TRIP_REP_ID, "zhangwei")
                .containsEntry(Vars.TRIP_ID, salesTeam.trips("zhangwei").get(0).id());
    }

    @Test
    void repMayNotRecordAnotherRepsTrip() {
        LocalDate start = clock.today();
        long historyBefore = historicInstances();
        assertThatThrownBy(() -> startAs("zhangwei", Groups.SALES_REP, tripForm("lina", start, start.plusDays(1), null)))
                .satisfies(e -> assertThat(messages(e)).contains("tripRepId"));

        assertThat(data.count("rep_trip")).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(BusinessTripProcess.KEY).count()).isZero();
        assertThat(historicInstances()).as("the refused start is rolled back, history included").isEqualTo(historyBefore);
    }

    @Test
    void repCannotPassHimselfOffAsAnotherRepThroughTheInitiatorVariable() {
        LocalDate start = clock.today();
        Map<String, Object> form = tripForm("", start, start, null);
        form.put(Vars.TRIP_INITIATOR, "lina");

        assertThatThrownBy(() -> startAs("zhangwei", Groups.SALES_REP, form))
                .satisfies(e -> assertThat(messages(e)).contains("tripInitiator"));

        assertThat(salesTeam.trips("lina")).isEmpty();
        assertThat(salesTeam.trips("zhangwei")).isEmpty();
    }

    @Test
    void managerRecordsATripForARep() {
        LocalDate start = clock.today();
        ProcessInstance pi = startAs("limin", Groups.SALES_MANAGER, tripForm("lina", start, start, "深圳展会"));

        assertThat(pi).isEnded();
        assertThat(salesTeam.trips("lina")).singleElement().satisfies(t -> {
            assertThat(t.startDate()).isEqualTo(start);
            assertThat(t.endDate()).isEqualTo(start);
            assertThat(t.createdBy()).isEqualTo("limin");
        });
        assertThat(salesTeam.trips("limin")).isEmpty();
    }

    @Test
    void tripEndingBeforeItStartsIsRefusedNamingTripEnd() {
        LocalDate start = clock.today().plusDays(5);
        assertThatThrownBy(() -> startAs("zhangwei", Groups.SALES_REP, tripForm(null, start, start.minusDays(1), null)))
                .satisfies(e -> assertThat(messages(e)).contains("tripEnd", "not-before-start"));

        assertThat(data.count("rep_trip")).isZero();
    }

    @Test
    void managerCannotRecordATripForSomeoneWhoIsNotARep() {
        LocalDate start = clock.today();
        assertThatThrownBy(() -> startAs("limin", Groups.SALES_MANAGER, tripForm("wanglei", start, start, null)))
                .satisfies(e -> assertThat(messages(e)).contains("tripRepId", "wanglei"));

        assertThat(data.count("rep_trip")).isZero();
    }

    private static ProcessInstance startAs(String user, String group, Map<String, Object> form) {
        return startByFormAs(user, List.of(group), BusinessTripProcess.KEY, form);
    }

    /** What Tasklist submits from {@code forms/business-trip.form}: dates as yyyy-MM-dd strings. */
    private static Map<String, Object> tripForm(String repId, LocalDate start, LocalDate end, String note) {
        Map<String, Object> form = new HashMap<>();
        form.put(Vars.TRIP_REP_ID, repId);
        form.put(Vars.TRIP_START, start.toString());
        form.put(Vars.TRIP_END, end.toString());
        form.put(Vars.TRIP_NOTE, note);
        return form;
    }

    private long historicInstances() {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(BusinessTripProcess.KEY).count();
    }
}
