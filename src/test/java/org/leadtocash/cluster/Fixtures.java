package org.leadtocash.cluster;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.leadtocash.company.CompanyProfile;
import org.leadtocash.company.CompanyProfileEdit;
import org.leadtocash.lead.CreditCode;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.payment.JourneyStart;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.quote.QuoteToInvoiceProcess;
import org.leadtocash.quote.Quotes;
import org.leadtocash.shared.Groups;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data of the cluster tests. Reference data is written to its tables (the postgres profile has no demo set-up): a
 * sales roster (reps in the East only, so North leads find nobody and wait for a manager), a catalogue product with its
 * clause texts, a legal user, and our company profile, entered as an administrator would (invoice requests and U8
 * hand-offs are refused without it). Leads, payment journeys and quotes go through node A's services as the API would; quotes
 * are driven to legal's review by completing their tasks as the rep.
 */
final class Fixtures {
    /** Our company's tax number in the profile; the U8 stand-in's account has the same. */
    static final String TAX_NUMBER = "91330106MA2H3K4L5N";

    static final List<String> REPS = List.of("clrep1", "clrep2", "clrep3", "clrep4");
    static final String MANAGER = "clmgr1";
    static final String DIRECTOR = "cldir1";
    static final String LEGAL = "cllegal1";
    static final String PRODUCT = "CL-GW";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Cluster cluster;
    private final JdbcClient jdbc;

    Fixtures(Cluster cluster) {
        this.cluster = cluster;
        this.jdbc = cluster.jdbc();
    }

    /**
     * Reps (East), a sales manager and a regional director, all with mobiles; a legal user; the product and its clause
     * texts; the company profile.
     */
    void seed() {
        cluster.bean(CompanyProfile.class).save(new CompanyProfileEdit("杭州集群测试有限公司", TAX_NUMBER,
                "杭州市西湖区文三路 100 号 0571-8888 1234", "招商银行杭州分行", "5719 0123 4567 890", null), "cladmin");
        int i = 0;
        for (String rep : REPS) {
            staff(rep, "集群销售" + (++i), "REP", "EAST", "1380013" + String.format("%04d", i));
        }
        staff(MANAGER, "集群主管", "MANAGER", null, "13900139001");
        staff(DIRECTOR, "集群总监", "DIRECTOR", null, "13700137001");
        // legal reviews contracts as a real Camunda user in the legal group
        IdentityService identity = cluster.engine().getIdentityService();
        org.camunda.bpm.engine.identity.User legal = identity.newUser(LEGAL);
        legal.setFirstName("集群");
        legal.setLastName("法务");
        legal.setPassword("Cluster-Legal-Pw-2026!");
        identity.saveUser(legal);
        identity.createMembership(LEGAL, Groups.LEGAL);
        jdbc.sql("INSERT INTO product (model, name, unit_price_cny, vat_rate, active) VALUES (?, '集群智能网关', 3980.00, 0.13, TRUE)")
                .param(PRODUCT).update();
        for (String type : List.of("PAYMENT_TERMS", "WARRANTY")) {
            jdbc.sql("INSERT INTO product_clause_type (product_model, clause_type) VALUES (?, ?)").params(PRODUCT, type).update();
        }
        for (String type : List.of("TECHNICAL_AGREEMENT", "PAYMENT_TERMS", "WARRANTY", "IP_OWNERSHIP", "FORCE_MAJEURE",
                "ENVIRONMENTAL")) {
            jdbc.sql("INSERT INTO clause_version (type_code, version_no, effective_date, clause_text, published_by, published_at)"
                            + " VALUES (?, 1, ?, ?, ?, ?)")
                    .params(type, LocalDate.of(2025, 1, 1), "集群测试条款 " + type + "：双方按本条款执行。", LEGAL,
                            Timestamp.from(Instant.parse("2024-12-31T02:00:00Z")))
                    .update();
        }
    }

    private void staff(String userId, String name, String role, String region, String mobile) {
        jdbc.sql("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active) VALUES (?, ?, ?, ?, ?, TRUE)")
                .params(userId, name, role, region, mobile).update();
    }

    // --- leads -------------------------------------------------------------------------------------------------------

    /**
     * A phone lead through the intake service. East leads are assigned to a rep (their 4 h voice-call reminder is armed),
     * North leads find no rep and wait for a manager (their 2 h DingTalk alert is armed).
     */
    Lead lead(String region) {
        int n = SEQ.incrementAndGet();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("externalId", "cluster-" + n + "-" + UUID.randomUUID());
        input.put("source", LeadSource.PHONE_CALL.name());
        input.put("companyName", "杭州集群测试科技有限公司第" + n + "号");
        input.put("creditCode", creditCode());
        input.put("contactName", "王集群");
        input.put("contactPhone", "139" + String.format("%08d", n));
        input.put("region", region);
        input.put("budgetCny", new BigDecimal("30000"));
        input.put("productInterest", "智能网关");
        return cluster.bean(LeadIntake.class).receive(input, LeadSource.PHONE_CALL).lead();
    }

    // --- payment journeys ----------------------------------------------------------------------------------------

    /** A journey at ① for invoice {@code CLINV-<n>}; its 48 h breaker is armed. */
    PaymentJourney journey() {
        int n = SEQ.incrementAndGet();
        String rep = REPS.get(n % REPS.size());
        return cluster.bean(PaymentJourneys.class).start(new JourneyStart("CLJ-" + n, "CLINV-" + n, null,
                "苏州集群客户有限公司" + n, rep, new BigDecimal("11300.00"), LocalDate.now(ZONE).minusDays(1), "李采购",
                "13600136" + String.format("%03d", n % 1000), "集群项目" + n));
    }

    // --- quotes ------------------------------------------------------------------------------------------------------

    /** A quote of a fresh customer of the rep, edited unchanged and accepted: its contract waits for legal's review. */
    Quotes.Started quoteAwaitingLegal(String rep) {
        String customerId = "clcust-" + SEQ.incrementAndGet();
        Instant now = Instant.now();
        // a customer recorded from its licence: the KA store tier on the customer decides the rebate
        jdbc.sql("INSERT INTO customer (id, credit_code, company_name, owner_id, owned_since, created_at, company_type, "
                        + "legal_representative, registered_capital_wan, established_on, address, business_scope, store_tier, "
                        + "licence_recorded_at, licence_recorded_by) VALUES (?, ?, ?, ?, ?, ?, '有限责任公司', '王建国', 500, "
                        + "DATE '2015-06-18', '宁波市鄞州区', '日用百货销售', 'KA', ?, ?)")
                .params(customerId, creditCode(), "宁波集群报价客户有限公司" + customerId.substring(7), rep, Timestamp.from(now),
                        Timestamp.from(now), Timestamp.from(now), rep)
                .update();
        Quotes.Started started = as(rep, Groups.SALES_REP, () -> cluster.bean(Quotes.class).start(new Quotes.QuoteRequest(
                customerId, null, "KA", LocalDate.now(ZONE).plusDays(30).toString(),
                List.of(new Quotes.LineRequest(PRODUCT, new BigDecimal("2"))), null), rep));
        complete(started.processInstanceId(), QuoteToInvoiceProcess.Task.EDIT_QUOTE, rep, Groups.SALES_REP, Map.of());
        Map<String, Object> answer = new HashMap<>();
        answer.put(QuoteToInvoiceProcess.Vars.CUSTOMER_ANSWER, "ACCEPTED");
        complete(started.processInstanceId(), QuoteToInvoiceProcess.Task.RECORD_CUSTOMER_ANSWER, rep, Groups.SALES_REP, answer);
        return started;
    }

    /** Legal approves the contract: the invoice request and the U8 hand-off follow as jobs. */
    void approve(String processInstanceId) {
        Map<String, Object> review = new HashMap<>();
        review.put(QuoteToInvoiceProcess.Vars.REVIEW_DECISION, "APPROVE");
        complete(processInstanceId, QuoteToInvoiceProcess.Task.REVIEW_CONTRACT, LEGAL, Groups.LEGAL, review);
    }

    private void complete(String processInstanceId, String taskKey, String user, String group, Map<String, Object> vars) {
        TaskService tasks = cluster.engine().getTaskService();
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult();
        if (task == null) {
            throw new IllegalStateException("no task " + taskKey + " in " + processInstanceId);
        }
        as(user, group, () -> {
            tasks.complete(task.getId(), vars);
            return null;
        });
    }

    private <T> T as(String user, String group, Supplier<T> action) {
        IdentityService identity = cluster.engine().getIdentityService();
        identity.setAuthentication(user, List.of(group));
        try {
            return action.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    // --- timers --------------------------------------------------------------------------------------------------

    /**
     * Makes the given timer jobs due now, all in one transaction: at its commit they are due at once, a burst for the
     * job executors of both nodes.
     */
    void dueNow(List<String> jobIds) {
        inOneTransaction(() -> {
            Date now = new Date();
            jobIds.forEach(id -> cluster.engine().getManagementService().setJobDuedate(id, now));
        });
    }

    /** Runs engine calls in one transaction (the engine joins it): what they create appears at once, at its commit. */
    void inOneTransaction(Runnable work) {
        new TransactionTemplate(cluster.bean(PlatformTransactionManager.class)).executeWithoutResult(s -> work.run());
    }

    static String creditCode() {
        String first17 = String.format("91310000MA%07d", 5_000_000 + SEQ.incrementAndGet());
        return first17 + CreditCode.checkCharacter(first17);
    }
}
