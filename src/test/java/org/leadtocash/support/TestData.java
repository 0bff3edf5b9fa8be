package org.leadtocash.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.leadtocash.lead.CreditCode;
import org.leadtocash.lead.LeadFirstContactSummary;
import org.leadtocash.lead.SalesTeam;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Test fixtures on the real tables: resets app data and engine instances, builds valid leads. */
@Component
public class TestData {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final JdbcClient jdbc;
    private final ProcessEngine engine;
    private final SalesTeam salesTeam;
    private final LeadFirstContactSummary firstContactSummary;

    public TestData(JdbcClient jdbc, ProcessEngine engine, SalesTeam salesTeam, LeadFirstContactSummary firstContactSummary) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.salesTeam = salesTeam;
        this.firstContactSummary = firstContactSummary;
    }

    /** The sales team's zone, as {@code leadtocash.zone} sets it for the tests (the application default). */
    public static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

    /**
     * Today in the sales team's zone by the engine clock — the "today" the application checks dates against. Tests use
     * this, never {@code LocalDate.now()}, whose answer depends on the machine's time zone.
     */
    public static LocalDate today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE);
    }

    /** Empties leads, customers, trips, deals and the delivery log; deletes every running process instance; resets the clock. */
    public void reset() {
        ClockUtil.reset();
        engine.getIdentityService().clearAuthentication();
        // wrong-password tests lock users (Camunda's login delay): every test starts with all users unlocked
        engine.getIdentityService().createUserQuery().list().forEach(u -> engine.getIdentityService().unlockUser(u.getId()));
        var runtime = engine.getRuntimeService();
        var ids = runtime.createProcessInstanceQuery().list().stream().map(ProcessInstance::getId).toList();
        if (!ids.isEmpty()) {
            runtime.deleteProcessInstances(ids, "test reset", true, true);
        }
        for (String table : new String[] {"follow_up_contact", "follow_up_customer", "follow_up_reminder_switch",
                "follow_up_team_reminder", "policy_rollout_rep", "policy_rollout", "bank_receipt_ledger", "bank_statement_line", "bank_statement_import",
                "payment_blocker_cause", "payment_blocker_check", "payment_receipt", "payment_node_visit", "payment_journey",
                "invoice_fix", "invoice_handoff_verdict", "invoice_line", "invoice_request", "contract_review", "contract_clause",
                "contract_line", "contract", "clause_tamper_attempt", "quote_clause", "quote_line", "quote",
                "sales_lead", "lead_first_contact_summary", "customer_owner_history", "customer", "rep_trip", "signed_deal", "notification_delivery", "notification_claim", "erp_handoff"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        // summaries of the rows emptied above (V23): empty too, as a recount of those rows gives
        for (String summary : new String[] {"contract_kpi_summary", "u8_verdict_summary", "payment_kpi_summary", "payment_cause_summary"}) {
            jdbc.sql("DELETE FROM " + summary).update();
        }
        // the demo roster is the baseline; tests add their own members
        jdbc.sql("DELETE FROM sales_staff WHERE user_id LIKE 'test%'").update();
        jdbc.sql("UPDATE sales_staff SET active = TRUE, open_leads = 0, recent_deals = 0, last_assigned_at = NULL, "
                + "deactivated_at = NULL").update();
        // the regions V9 ships are the baseline; tests add their own
        jdbc.sql("DELETE FROM region WHERE code NOT IN ('EAST', 'SOUTH', 'NORTH')").update();
        jdbc.sql("UPDATE region SET active = TRUE").update();
    }

    /**
     * After a test wrote leads or deals with SQL of its own: the reps' workload figures and the first-contact summary
     * follow (the app keeps them itself).
     */
    public void recountWorkload() {
        salesTeam.recountWorkload();
        firstContactSummary.rebuild();
    }

    /** A valid unified social credit code, different on every call. */
    public static String creditCode() {
        String first17 = String.format("91310000MA%07d", SEQ.incrementAndGet());
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** A valid intake body; tweak with put/remove. */
    public static Map<String, Object> leadBody(String source, String region, String budget) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", "ext-" + SEQ.incrementAndGet() + "-" + System.nanoTime());
        body.put("source", source);
        body.put("companyName", "上海测试科技有限公司" + SEQ.get());
        body.put("creditCode", creditCode());
        body.put("contactName", "张三");
        body.put("contactPhone", "13912345678");
        body.put("region", region);
        body.put("budgetCny", new BigDecimal(budget));
        body.put("productInterest", "智能网关");
        return body;
    }

    public int count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }

    public void addStaff(String userId, String name, String role, String region, String mobile) {
        jdbc.sql("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active) VALUES (?, ?, ?, ?, ?, TRUE)")
                .params(userId, name, role, region, mobile).update();
    }

    public void deactivateAllRepsExcept(String... keep) {
        jdbc.sql("UPDATE sales_staff SET active = FALSE WHERE role = 'REP'").update();
        for (String k : keep) {
            jdbc.sql("UPDATE sales_staff SET active = TRUE WHERE user_id = ?").param(k).update();
        }
    }

    public void trip(String rep, LocalDate from, LocalDate to) {
        jdbc.sql("INSERT INTO rep_trip (rep_id, start_date, end_date, note, created_by, created_at) VALUES (?, ?, ?, 'test', 'test', ?)")
                .params(rep, from, to, java.sql.Timestamp.from(Instant.now())).update();
    }

    /** n deals signed by the rep at the instant, recorded the way the contract chain records them. */
    public void signedDeals(String rep, int n, Instant at) {
        for (int i = 0; i < n; i++) {
            salesTeam.recordSignedDeal(rep, null, new BigDecimal("1000"), "test", at);
        }
    }

    /** Gives the rep n open (ASSIGNED) leads of throw-away customers, assigned at the instant. */
    public void openLeads(String rep, int n, Instant assignedAt) {
        for (int i = 0; i < n; i++) {
            String customerId = "c-" + SEQ.incrementAndGet();
            String code = creditCode();
            jdbc.sql("INSERT INTO customer (id, credit_code, company_name, created_at) VALUES (?, ?, 'x', ?)")
                    .params(customerId, code, java.sql.Timestamp.from(assignedAt)).update();
            jdbc.sql("INSERT INTO sales_lead (id, source, external_id, customer_id, company_name, credit_code, contact_name, "
                            + "contact_phone, region, budget_cny, status, assignee, assigned_at, created_at) "
                            + "VALUES (?, 'WEBSITE_FORM', ?, ?, 'x', ?, 'x', '13912345678', 'EAST', 1000, 'ASSIGNED', ?, ?, ?)")
                    .params("LT-" + SEQ.incrementAndGet(), "e-" + SEQ.get(), customerId, code, rep,
                            java.sql.Timestamp.from(assignedAt), java.sql.Timestamp.from(assignedAt))
                    .update();
        }
        recountWorkload();
    }

    public void owner(String creditCode, String companyName, String owner) {
        jdbc.sql("INSERT INTO customer (id, credit_code, company_name, owner_id, owned_since, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params("own-" + SEQ.incrementAndGet(), creditCode, companyName, owner, java.sql.Timestamp.from(Instant.now()),
                        java.sql.Timestamp.from(Instant.now()))
                .update();
    }
}
