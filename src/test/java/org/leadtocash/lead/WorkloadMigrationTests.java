package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V8 on a database that already has leads and deals (an upgrade, not a fresh install): every rep's kept figures
 * start equal to what the leads and deals say, and every existing deal starts counted, so the first assignment's
 * retirement brings the count to the window.
 */
class WorkloadMigrationTests {

    @Test
    void upgradeFillsTheFiguresFromExistingLeadsAndDeals() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:v8-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").target("7").load().migrate();
        JdbcClient jdbc = JdbcClient.create(h2);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (String rep : new String[] {"rep-a", "rep-b", "rep-c"}) {
            jdbc.sql("INSERT INTO sales_staff (user_id, display_name, role, region, active) VALUES (?, ?, 'REP', 'EAST', TRUE)")
                    .params(rep, rep).update();
        }
        lead(jdbc, "L-1", "rep-a", "ASSIGNED", now.minus(Duration.ofHours(3)));
        lead(jdbc, "L-2", "rep-a", "ASSIGNED", now.minus(Duration.ofHours(1)));
        lead(jdbc, "L-3", "rep-a", "CONTACTED", now.minus(Duration.ofDays(2)));
        lead(jdbc, "L-4", "rep-b", "INVALID", now.minus(Duration.ofMinutes(5)));
        lead(jdbc, "L-5", null, "UNASSIGNED", null);
        deal(jdbc, "rep-b", now.minus(Duration.ofDays(1)));
        deal(jdbc, "rep-b", now.minus(Duration.ofDays(30)));

        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();

        assertThat(figures(jdbc, "rep-a")).isEqualTo("2 0 " + Timestamp.from(now.minus(Duration.ofHours(1))));
        // the 30-day-old deal counts until the first assignment retires it (StaffRepository.retireDealsBefore)
        assertThat(figures(jdbc, "rep-b")).isEqualTo("0 2 " + Timestamp.from(now.minus(Duration.ofMinutes(5))));
        assertThat(figures(jdbc, "rep-c")).isEqualTo("0 0 null");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signed_deal WHERE in_window = TRUE").query(Integer.class).single()).isEqualTo(2);

        StaffRepository staff = new StaffRepository(jdbc);
        assertThat(staff.retireDealsBefore(now.minus(Duration.ofDays(7)))).isEqualTo(1);
        assertThat(figures(jdbc, "rep-b")).startsWith("0 1 ");
    }

    private static void lead(JdbcClient jdbc, String id, String rep, String status, Instant assignedAt) {
        String customer = "c-" + id;
        String code = "91310000MA" + String.format("%07d", Math.abs(id.hashCode()) % 10_000_000);
        code = code + CreditCode.checkCharacter(code);
        jdbc.sql("INSERT INTO customer (id, credit_code, company_name, created_at) VALUES (?, ?, 'x', ?)")
                .params(customer, code, Timestamp.from(Instant.now())).update();
        jdbc.sql("INSERT INTO sales_lead (id, source, external_id, customer_id, company_name, credit_code, contact_name, contact_phone, "
                        + "region, budget_cny, status, assignee, assigned_at, created_at) "
                        + "VALUES (?, 'WEBSITE_FORM', ?, ?, 'x', ?, 'x', '13912345678', 'EAST', 1000, ?, ?, ?, ?)")
                .params(id, "e-" + id, customer, code, status, rep, assignedAt == null ? null : Timestamp.from(assignedAt),
                        Timestamp.from(Instant.now()))
                .update();
    }

    private static void deal(JdbcClient jdbc, String rep, Instant at) {
        jdbc.sql("INSERT INTO signed_deal (rep_id, amount_cny, reference, signed_at) VALUES (?, 1000, 'old', ?)")
                .params(rep, Timestamp.from(at)).update();
    }

    private static String figures(JdbcClient jdbc, String rep) {
        return jdbc.sql("SELECT open_leads, recent_deals, last_assigned_at FROM sales_staff WHERE user_id = ?").param(rep)
                .query((rs, n) -> rs.getInt(1) + " " + rs.getInt(2) + " " + rs.getTimestamp(3)).single();
    }
}
