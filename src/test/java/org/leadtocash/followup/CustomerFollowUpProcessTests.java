package org.leadtocash.followup;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.followup.CustomerFollowUpProcess.Event;
import org.leadtocash.followup.CustomerFollowUpProcess.Gateway;
import org.leadtocash.followup.CustomerFollowUpProcess.Task;
import org.leadtocash.followup.CustomerFollowUpProcess.Vars;
import org.leadtocash.lead.Customer;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.notify.Channel;
import org.leadtocash.notify.Delivery;
import org.leadtocash.notify.DeliveryQuery;
import org.leadtocash.notify.DeliveryStatus;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code bpmn/customer-follow-up.bpmn}: one path per test, on the engine clock. The clock starts at a fixed instant, 10:00
 * in Shanghai, so timer dates are exact whatever day or zone the test runs in.
 */
@AppTest
class CustomerFollowUpProcessTests {
    private static final List<String> REP = List.of(Groups.SALES_REP);
    /** 2027-03-01 10:00 Asia/Shanghai */
    private static final Instant T0 = Instant.parse("2027-03-01T02:00:00Z");

    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired NotificationService notifications;
    @Autowired LeadIntake intake;
    @Autowired FollowUpRepository repository;
    @Autowired FollowUps followUps;
    @Autowired TeamReminders reminders;
    @Autowired FollowUpFixtures fixtures;
    @Autowired EngineClock clock;
    @Autowired TestData data;

    private LocalDate today;

    @BeforeEach
    void setUp() {
        data.reset();
        moveClockTo(T0);
        today = TestData.today();
    }

    @Test
    void startsForTheCustomerWhenTheRepReachesItAtFirstContact() {
        var lead = intake.receive(TestData.leadBody("WEBSITE_FORM", "EAST", "250000"), LeadSource.WEBSITE_FORM).lead();
        ProcessInstance leadPi = processInstance(lead.processInstanceId());
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, leadPi));
        var firstContact = task(LeadRoutingProcess.Task.FIRST_CONTACT, leadPi);
        String rep = firstContact.getAssignee();
        LocalDate promise = today.plusDays(3);

        completeAs(rep, REP, firstContact, withVariables(LeadRoutingProcess.Vars.CONTACT_OUTCOME, "REACHED",
                LeadRoutingProcess.Vars.NEXT_FOLLOW_UP_DATE, promise.toString(), LeadRoutingProcess.Vars.CONTACT_NOTES, "约下周演示"));

        assertThat(leadPi).isEnded();
        ProcessInstance pi = followUp(lead.customerId());
        assertThat(pi).isWaitingAt(Gateway.AWAIT_CONTACT).hasPassed(Event.CUSTOMER_REACHED)
                .variables().containsEntry(Vars.REP_ID, rep).containsEntry(Vars.NEXT_FOLLOW_UP_DATE, promise.toString());
        assertThat(timer(pi, Event.PROMISE_PASSED).getDuedate()).isEqualTo(startOf(promise.plusDays(1)));
        assertThat(timer(pi, Event.NO_CONTACT_PERIOD).getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofDays(90))));
        FollowUpCustomer stored = repository.find(lead.customerId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(FollowUpCustomer.ACTIVE);
        assertThat(stored.repId()).isEqualTo(rep);
        assertThat(stored.lastContactAt()).isEqualTo(T0);
        assertThat(stored.nextFollowUpDate()).isEqualTo(promise);
        assertThat(repository.contacts(lead.customerId())).singleElement()
                .satisfies(c -> assertThat(c.via()).isEqualTo(FollowUps.VIA_LEAD))
                .satisfies(c -> assertThat(c.notes()).isEqualTo("约下周演示"));
    }

    @Test
    void missedPromiseGivesTheRepATaskAndADingTalkReminderAndTheTaskRecordsTheContact() {
        LocalDate promise = today.plusDays(2);
        Customer customer = fixtures.reached("zhangwei", promise);
        ProcessInstance pi = followUp(customer.id());

        fireTimer(pi, Event.PROMISE_PASSED);

        assertThat(pi).isWaitingAt(Task.FOLLOW_UP_CUSTOMER, Task.REMIND_REP);
        assertThat(pi).task(Task.FOLLOW_UP_CUSTOMER).isAssignedTo("zhangwei");
        assertThat(taskService().getVariable(task(Task.FOLLOW_UP_CUSTOMER, pi).getId(), Vars.MISSED_FOLLOW_UP_DATE))
                .isEqualTo(promise.toString());
        execute(job(Task.REMIND_REP, pi));
        assertThat(pi).hasPassed(Task.REMIND_REP, "EndEvent_RepReminded").hasNotPassed(Task.REMIND_MANAGER);
        assertThat(dingTalk(customer)).singleElement().satisfies(d -> {
            assertThat(d.recipients()).contains("zhangwei");
            assertThat(d.title()).isEqualTo("客户跟进已逾期 Follow-up overdue");
            assertThat(d.status()).isEqualTo(DeliveryStatus.NOT_SENT_UNCONFIGURED);
        });

        Instant contactAt = T0.plus(Duration.ofDays(3));
        moveClockTo(contactAt);
        LocalDate next = TestData.today().plusDays(7);
        completeAs("zhangwei", REP, task(Task.FOLLOW_UP_CUSTOMER, pi), withVariables(Vars.FOLLOW_UP_OUTCOME, "NEGOTIATING",
                Vars.FOLLOW_UP_NOTES, "已发报价", Vars.NEXT_FOLLOW_UP_DATE, next.toString()));

        assertThat(pi).hasPassed(Task.RECORD_CONTACT, Event.CONTACT_DONE).isWaitingAt(Gateway.AWAIT_CONTACT);
        assertThat(timer(pi, Event.PROMISE_PASSED).getDuedate()).isEqualTo(startOf(next.plusDays(1)));
        assertThat(timer(pi, Event.NO_CONTACT_PERIOD).getDuedate()).isEqualTo(Date.from(contactAt.plus(Duration.ofDays(90))));
        FollowUpContact recorded = repository.contacts(customer.id()).get(1);
        assertThat(recorded.via()).isEqualTo(FollowUps.VIA_TASK);
        assertThat(recorded.outcome()).isEqualTo("NEGOTIATING");
        assertThat(recorded.notes()).isEqualTo("已发报价");
        assertThat(recorded.nextFollowUpDate()).isEqualTo(next);
        assertThat(recorded.contactedAt()).isEqualTo(contactAt);
        assertThat(recorded.recordedBy()).isEqualTo("zhangwei");
        assertThat(repository.find(customer.id()).orElseThrow().nextFollowUpDate()).isEqualTo(next);
    }

    @Test
    void taskRefusesAPromiseInThePastNamingTheFieldAndStoresNothing() {
        Customer customer = fixtures.reached("zhangwei", today.plusDays(1));
        ProcessInstance pi = followUp(customer.id());
        fireTimer(pi, Event.PROMISE_PASSED);
        var task = task(Task.FOLLOW_UP_CUSTOMER, pi);

        assertThatThrownBy(() -> completeAs("zhangwei", REP, task, withVariables(Vars.FOLLOW_UP_OUTCOME, "INTERESTED",
                Vars.NEXT_FOLLOW_UP_DATE, TestData.today().minusDays(1).toString())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nextFollowUpDate")
                .hasMessageContaining("not-in-past");

        assertThat(pi).isWaitingAt(Task.FOLLOW_UP_CUSTOMER);
        assertThat(repository.contacts(customer.id())).hasSize(1);
    }

    @Test
    void contactRecordedThroughTheApiWhileWaitingMovesTheInstanceToTheNewPromise() {
        Customer customer = fixtures.reached("zhangwei", today.plusDays(5));
        ProcessInstance pi = followUp(customer.id());
        moveClockTo(T0.plus(Duration.ofDays(1)));
        LocalDate next = TestData.today().plusDays(14);

        followUps.recordByApi(customer.id(), "zhangwei", false, "INTERESTED", "电话回访", next.toString());

        assertThat(pi).hasPassed(Event.CONTACT_RECORDED).isWaitingAt(Gateway.AWAIT_CONTACT);
        assertThat(timer(pi, Event.PROMISE_PASSED).getDuedate()).isEqualTo(startOf(next.plusDays(1)));
        assertThat(repository.contacts(customer.id())).last().satisfies(c -> assertThat(c.via()).isEqualTo(FollowUps.VIA_API));
    }

    @Test
    void contactRecordedElsewhereClosesTheOpenTask() {
        Customer customer = fixtures.reached("zhangwei", today.plusDays(1));
        ProcessInstance pi = followUp(customer.id());
        fireTimer(pi, Event.PROMISE_PASSED);
        LocalDate next = TestData.today().plusDays(10);

        followUps.recordByApi(customer.id(), "limin", true, "ORDERED", null, next.toString());

        assertThat(pi).hasPassed(Event.CONTACT_RECORDED_DURING_TASK).hasNotPassed(Task.RECORD_CONTACT)
                .isWaitingAt(Gateway.AWAIT_CONTACT);
        assertThat(taskQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(jobQuery().processInstanceId(pi.getId()).activityId(Task.REMIND_REP).count()).isZero();
        assertThat(repository.contacts(customer.id())).last().satisfies(c -> assertThat(c.recordedBy()).isEqualTo("limin"));
    }

    @Test
    void contactForAnActiveCustomerWhoseInstanceWasDeletedRestartsTheCadence() {
        Customer customer = fixtures.reached("zhangwei", today.plusDays(1));
        runtimeService.deleteProcessInstance(followUp(customer.id()).getId(), "deleted in Cockpit");
        LocalDate next = today.plusDays(4);

        followUps.recordByApi(customer.id(), "zhangwei", false, "INTERESTED", null, next.toString());

        assertThat(followUp(customer.id())).hasPassed(Event.CUSTOMER_REACHED).isWaitingAt(Gateway.AWAIT_CONTACT)
                .variables().containsEntry(Vars.NEXT_FOLLOW_UP_DATE, next.toString());
        assertThat(repository.contacts(customer.id())).hasSize(2);
    }

    @Test
    void onlyTheOwnerOrAnOverseerRecordsAContact() {
        Customer customer = fixtures.reached("zhangwei", today.plusDays(1));

        assertThatThrownBy(() -> followUps.recordByApi(customer.id(), "lina", false, "INTERESTED", null,
                today.plusDays(3).toString())).hasMessageContaining("only the customer's owner zhangwei");
        assertThat(repository.contacts(customer.id())).hasSize(1);
    }

    @Test
    void customerWithoutContactForTheDrawnPeriodBecomesLost() {
        Customer customer = fixtures.reached("zhangwei", today.plusDays(1));
        ProcessInstance pi = followUp(customer.id());
        fireTimer(pi, Event.PROMISE_PASSED);

        fireTimer(pi, Event.NO_CONTACT_PERIOD);

        assertThat(pi).isEnded().hasPassed(Task.MARK_LOST, Event.CUSTOMER_LOST);
        assertThat(taskQuery().processInstanceId(pi.getId()).count()).isZero();
        FollowUpCustomer lost = repository.find(customer.id()).orElseThrow();
        assertThat(lost.status()).isEqualTo(FollowUpCustomer.LOST);
        assertThat(lost.lostAt()).isEqualTo(T0.plus(Duration.ofDays(90)));
    }

    @Test
    void lostCustomerIsWonBackByARecordedContact() {
        Customer customer = fixtures.reached("zhangwei", today.plusDays(1));
        ProcessInstance lostPi = followUp(customer.id());
        fireTimer(lostPi, Event.NO_CONTACT_PERIOD);
        Instant back = T0.plus(Duration.ofDays(120));
        moveClockTo(back);
        LocalDate next = TestData.today().plusDays(7);

        followUps.recordByApi(customer.id(), "zhangwei", false, "INTERESTED", "老客户回流", next.toString());

        assertThat(lostPi).isEnded();
        ProcessInstance pi = followUp(customer.id());
        assertThat(pi.getId()).isNotEqualTo(lostPi.getId());
        assertThat(pi).hasPassed(Event.CUSTOMER_WON_BACK).isWaitingAt(Gateway.AWAIT_CONTACT)
                .variables().containsEntry(Vars.REP_ID, "zhangwei").containsEntry(Vars.NEXT_FOLLOW_UP_DATE, next.toString());
        assertThat(timer(pi, Event.NO_CONTACT_PERIOD).getDuedate()).isEqualTo(Date.from(back.plus(Duration.ofDays(90))));
        FollowUpCustomer active = repository.find(customer.id()).orElseThrow();
        assertThat(active.status()).isEqualTo(FollowUpCustomer.ACTIVE);
        assertThat(active.wonBackAt()).isEqualTo(back);
        assertThat(active.lostAt()).isNull();
    }

    @Test
    void strongerRemindersRemindTheRepTheDayBeforeAndTheManagerTheDayAfter() {
        reminders.record("EAST", true, 2, 4, new BigDecimal("0.5000"), null);
        LocalDate promise = today.plusDays(3);
        Customer customer = fixtures.reached("zhangwei", promise);
        ProcessInstance pi = followUp(customer.id());
        assertThat(timer(pi, Event.DAY_BEFORE_PROMISE).getDuedate()).isEqualTo(startOf(promise.minusDays(1)));

        fireTimer(pi, Event.DAY_BEFORE_PROMISE);
        execute(job(Task.REMIND_REP_DAY_BEFORE, pi));
        fireTimer(pi, Event.PROMISE_PASSED);
        execute(job(Task.REMIND_REP, pi));
        execute(job(Task.REMIND_MANAGER, pi));

        assertThat(pi).hasPassed(Task.REMIND_REP_DAY_BEFORE, Task.REMIND_REP, Task.REMIND_MANAGER)
                .isWaitingAt(Task.FOLLOW_UP_CUSTOMER);
        List<Delivery> sent = dingTalk(customer);
        assertThat(sent).extracting(Delivery::title).containsExactlyInAnyOrder("明日客户跟进提醒 Follow-up due tomorrow",
                "客户跟进已逾期 Follow-up overdue", "下属客户跟进逾期 A rep's follow-up is overdue");
        assertThat(sent).filteredOn(d -> d.title().startsWith("下属")).singleElement()
                .satisfies(d -> assertThat(d.recipients()).contains("limin").doesNotContain("zhangwei"));
    }

    @Test
    void withStrongerRemindersOffTheDayBeforeTimerSendsNothing() {
        reminders.record("EAST", false, 0, 4, new BigDecimal("0.0000"), null);
        Customer customer = fixtures.reached("zhangwei", today.plusDays(3));
        ProcessInstance pi = followUp(customer.id());

        fireTimer(pi, Event.DAY_BEFORE_PROMISE);

        assertThat(pi).hasPassed("EndEvent_NoReminderDayBefore").hasNotPassed(Task.REMIND_REP_DAY_BEFORE)
                .isWaitingAt(Gateway.AWAIT_CONTACT);
        assertThat(dingTalk(customer)).isEmpty();
    }

    private static ProcessInstance followUp(String customerId) {
        ProcessInstance pi = processInstanceQuery().processDefinitionKey(CustomerFollowUpProcess.KEY)
                .processInstanceBusinessKey(customerId).singleResult();
        assertThat(pi).as("running follow-up of customer " + customerId).isNotNull();
        return pi;
    }

    private Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(clock.zone()).toInstant());
    }

    private List<Delivery> dingTalk(Customer customer) {
        return notifications.list(new DeliveryQuery(null, customer.id(), Channel.DINGTALK, null, DeliveryQuery.DEFAULT_LIMIT));
    }
}
