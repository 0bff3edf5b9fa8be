package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.EngineClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * R-03 / issue 2: the workload figures (open leads, recent deals, trips) and the ranking come from a constant number of
 * SQL statements however many reps a team has. {@link LeadAssignment} is built here on a {@link JdbcClient} whose
 * DataSource counts every statement prepared or created; the same assignment is made for a team of 5 and of 200.
 */
@AppTest
class AssignmentQueryCountTests {
    private static final Set<String> STATEMENT_METHODS = Set.of("prepareStatement", "createStatement", "prepareCall");

    @Autowired DataSource dataSource;
    @Autowired LeadPolicy policy;
    @Autowired EngineClock clock;
    @Autowired LeadIntake intake;
    @Autowired TestData data;
    @Autowired LeadFirstContactSummary firstContactSummary;

    private final AtomicInteger statements = new AtomicInteger();
    private final List<String> sql = new ArrayList<>();
    private LeadAssignment counted;

    @BeforeEach
    void setUp() {
        data.reset();
        JdbcClient jdbc = JdbcClient.create(counting(dataSource));
        counted = new LeadAssignment(new LeadRepository(jdbc, firstContactSummary), new StaffRepository(jdbc), policy, clock);
    }

    @Test
    void workloadFiguresTakeTheSameNumberOfStatementsForFiveOrTwoHundredReps() {
        data.deactivateAllRepsExcept();
        addReps(0, 5);
        Assignment small = countedAssign();
        int forFive = statements.get();
        List<String> sqlForFive = List.copyOf(sql);

        addReps(5, 200);
        Assignment large = countedAssign();
        int forTwoHundred = statements.get();

        assertThat(small.candidates()).hasSize(5);
        assertThat(small.moreInTeam()).isFalse();
        // a big team lists its best-ranked eligible reps and the first skipped per reason, not all 200
        assertThat(large.candidates()).hasSize(3 * LeadAssignment.SHOWN);
        assertThat(large.moreInTeam()).isTrue();
        assertThat(large.text()).contains("the rest of the team is not listed");
        assertThat(forTwoHundred).as("statements for 200 reps %s vs for 5 reps %s", sql, sqlForFive).isEqualTo(forFive);
        assertThat(forFive).as("statements per assignment: %s", sqlForFive).isLessThanOrEqualTo(12);
        // the figures were really read: busy, travelling and successful reps are told apart
        assertThat(large.skipped()).extracting(Assignment.Candidate::userId).contains("test-q-000", "test-q-001", "test-q-090")
                .doesNotContain("test-q-002");
        // small's lead went to test-q-002 (a deal yesterday, first by id); now the next rep with no open lead and a deal
        assertThat(small.assignee()).isEqualTo("test-q-002");
        assertThat(large.assignee()).isEqualTo("test-q-007");
        Assignment.Candidate chosen = large.candidates().stream().filter(c -> c.userId().equals(large.assignee())).findFirst().orElseThrow();
        assertThat(chosen.recentDeals()).isEqualTo(1);
        assertThat(chosen.openLeads()).isZero();
    }

    @Test
    void preferredRepsOutsideTheTeamDoNotAddStatementsPerRep() {
        addReps(0, 5);
        countedAssign(List.of("zhangwei"));
        int onePreferred = statements.get();

        countedAssign(List.of("zhangwei", "lina", "wangfang", "chenjing", "liuyang", "test-q-002"));
        int sixPreferred = statements.get();

        assertThat(sixPreferred).isEqualTo(onePreferred);
    }

    private Assignment countedAssign() {
        return countedAssign(List.of());
    }

    private Assignment countedAssign(List<String> preferred) {
        String leadId = intake.receive(TestData.leadBody("TRADE_SHOW_QR", "NORTH", "30000"), LeadSource.TRADE_SHOW_QR).lead().id();
        statements.set(0);
        sql.clear();
        return counted.assign(leadId, new RoutingDecision("测试 query count", "NORTH", preferred));
    }

    /**
     * Reps test-q-from … test-q-(to-1) in the North team; every tenth over capacity, every tenth (offset 1) on a trip,
     * every fifth with a deal yesterday.
     */
    private void addReps(int from, int to) {
        Instant now = clock.now();
        LocalDate today = clock.today();
        for (int i = from; i < to; i++) {
            String id = String.format("test-q-%03d", i);
            data.addStaff(id, "测试" + i, SalesStaff.REP, "NORTH", "139" + String.format("%08d", i));
            if (i % 10 == 0) {
                data.openLeads(id, policy.maxOpenLeads("NORTH") + 1, now.minus(Duration.ofDays(1)));
            }
            if (i % 10 == 1) {
                data.trip(id, today, today.plusDays(1));
            }
            if (i % 5 == 2) {
                data.signedDeals(id, 1, now.minus(Duration.ofDays(1)));
            }
        }
    }

    /** The DataSource with every statement counted (and its SQL kept), via JDK proxies — no extra library. */
    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c && method.getName().equals("getConnection") ? counting(c) : result;
                });
    }

    private Connection counting(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (STATEMENT_METHODS.contains(method.getName())) {
                        statements.incrementAndGet();
                        if (args != null && args.length > 0 && args[0] instanceof String s) {
                            sql.add(s);
                        }
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
