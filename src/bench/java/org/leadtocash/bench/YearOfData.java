package org.leadtocash.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.HttpCookie;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.leadtocash.payment.JourneyStart;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.shared.Groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Row 7: "a busy year" on PostgreSQL. Loads one year of a busy team — 1,000,000 leads with their engine history,
 * 200,000 quotes (100,000 contracts, 80,000 invoice requests), 100,000 payment journeys of which 20,000 are open and
 * running in the engine, 500 reps — first at a tenth of that, then at the full size, and times what managers and reps
 * open every day, over HTTP as they do: the KPI board's calls for 90 days, the SLA heatmap of each process, a rep's
 * "我的卡点 Stuck" filter and "My tasks" with 50 open tasks, and Cockpit's instance list of the lead process.
 *
 * <p>Closed items are bulk-loaded with SQL (app tables and the engine's history of the three processes:
 * {@code ACT_HI_PROCINST} and {@code ACT_HI_ACTINST} for the start event, every user task and the end events);
 * open payment journeys are started through the application so that they have real executions, tasks, variables
 * and breaker timers. The bulk load runs with {@code synchronous_commit = off} (it is set-up, not measured); the
 * measured calls run on a server with the production default {@code synchronous_commit = on}.
 */
final class YearOfData {
    static final int LEADS = 1_000_000;
    static final int QUOTES = 200_000;
    static final int JOURNEYS = 100_000;
    static final int OPEN_JOURNEYS = 20_000;
    static final int REPS = 500;
    /** Leads waiting for first contact now, posted through the intake API (the engine's running lead instances). */
    static final int OPEN_LEADS = 5_000;
    static final int REP_TASKS = 50;
    static final String REP = "yrep";
    static final String MANAGER = "ymgr";
    static final String PASSWORD = "Year-Of-Data-Pw-2026";
    static final double GOAL_P95_MS = 500;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** One measured call (or set of calls, as the page makes them) at one size. */
    record Timing(String what, int samples, double p50, double p95) {
    }

    /** The figures at one size. */
    record Size(String label, Map<String, Integer> rows, double loadSeconds, List<Timing> timings) {
    }

    private final AppUnderTest app;
    private final double scale;
    private final HttpClient basicHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private int loadedLeads;
    private int loadedQuotes;
    private int loadedClosedJourneys;
    private int openJourneys;
    private int openLeads;

    YearOfData(AppUnderTest app, double scale) {
        this.app = app;
        this.scale = scale;
    }

    private int scaled(int n) {
        return (int) Math.max(1, Math.round(n * scale));
    }

    /** Loads (or grows the data set to) {@code fraction} of a busy year and measures. */
    Size measureAt(double fraction, String label, int samples) throws Exception {
        long start = System.nanoTime();
        if (loadedLeads == 0) {
            people();
        }
        grow(fraction);
        double loadSeconds = Parallel.seconds(System.nanoTime() - start);
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (String table : List.of("sales_lead", "quote", "contract", "payment_journey", "act_hi_procinst", "act_hi_actinst", "act_ru_task",
                "act_ru_execution")) {
            rows.put(table, (int) app.count("SELECT COUNT(*) FROM " + table));
        }
        LeadToCashBenchmark.log("year of data at " + label + ": " + rows + " loaded in " + String.format(Locale.ROOT, "%.0f s", loadSeconds));
        return new Size(label, rows, loadSeconds, measure(samples));
    }

    // ------------------------------------------------------------------------------------------------ data

    private void people() {
        IdentityService identity = app.engine.getIdentityService();
        for (String[] u : new String[][] {{REP, Groups.SALES_REP}, {MANAGER, Groups.SALES_MANAGER}}) {
            var user = identity.newUser(u[0]);
            user.setFirstName(u[0]);
            user.setLastName("benchmark");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(u[0], u[1]);
        }
        app.jdbc.update("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active) VALUES (?, '基准销售', 'REP', 'EAST', "
                + "'13900000000', TRUE)", REP);
        app.jdbc.update("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active) SELECT 'y-rep-' || lpad(g::text, 3, '0'), "
                + "'年度销售' || g, 'REP', (ARRAY['EAST','SOUTH','NORTH'])[1 + g % 3], '139' || lpad(g::text, 8, '0'), TRUE "
                + "FROM generate_series(0, " + (REPS - 1) + ") g");
    }

    private void grow(double fraction) {
        app.jdbc.execute("SET synchronous_commit = off");
        try {
            int leads = scaled((int) Math.round(LEADS * fraction));
            int quotes = scaled((int) Math.round(QUOTES * fraction));
            int closed = scaled((int) Math.round((JOURNEYS - OPEN_JOURNEYS) * fraction));
            leads(loadedLeads + 1, leads);
            quotes(loadedQuotes + 1, quotes, Math.max(1, leads / 3));
            closedJourneys(loadedClosedJourneys + 1, closed);
            // the engine history above was bulk-loaded with SQL: the heatmap's activity duration summary is rebuilt from it
            app.context.getBean(org.leadtocash.system.engine.ActivityDurationSummary.class).rebuild();
            loadedLeads = Math.max(loadedLeads, leads);
            loadedQuotes = Math.max(loadedQuotes, quotes);
            loadedClosedJourneys = Math.max(loadedClosedJourneys, closed);
        } finally {
            app.jdbc.execute("SET synchronous_commit = on");
        }
        openJourneys(scaled((int) Math.round(OPEN_JOURNEYS * fraction)));
        openLeads(scaled((int) Math.round(OPEN_LEADS * fraction)));
        app.analyze();
    }

    /** Minutes back from now of item {@code g} of a year of {@code n} items, spread evenly with a daily rhythm. */
    private static String createdAt(String g, int n) {
        return "(now() - ((" + g + ")::bigint * 525600 / " + n + ") * interval '1 minute')";
    }

    private void leads(int from, int to) {
        if (from > to) {
            return;
        }
        int customers = Math.max(1, to / 3);
        LeadToCashBenchmark.log("  leads " + from + "–" + to);
        app.jdbc.update("INSERT INTO customer (id, credit_code, company_name, owner_id, owned_since, created_at) "
                + "SELECT 'yc-' || g, 'Y' || lpad(g::text, 17, '0'), '年度客户' || g || '有限公司', 'y-rep-' || lpad((g % " + REPS + ")::text, 3, '0'), "
                + "now(), now() FROM generate_series(?, ?) g ON CONFLICT (id) DO NOTHING", Math.max(1, from / 3), customers);
        String created = createdAt("g", LEADS);
        // 93 % reached, most within the 4 h SLA; 7 % still waiting or never reached
        app.jdbc.update("INSERT INTO sales_lead (id, source, external_id, customer_id, company_name, credit_code, contact_name, contact_phone, "
                + "region, budget_cny, status, assignee, assigned_at, routing_rule, process_instance_id, created_at, first_contact_at, "
                + "contact_attempts) "
                + "SELECT 'yl-' || g, (ARRAY['WEBSITE_FORM','TRADE_SHOW_QR','PHONE_CALL'])[1 + g % 3], 'y-' || g, "
                + "'yc-' || (1 + g % " + customers + "), '年度客户' || (1 + g % " + customers + ") || '有限公司', "
                + "'Y' || lpad((1 + g % " + customers + ")::text, 17, '0'), '张三', '139' || lpad((g % 100000000)::text, 8, '0'), "
                + "(ARRAY['EAST','SOUTH','NORTH'])[1 + g % 3], 50000 + (g % 50) * 10000, "
                + "CASE WHEN g % 100 < 93 THEN 'CONTACTED' ELSE 'ASSIGNED' END, 'y-rep-' || lpad((g % " + REPS + ")::text, 3, '0'), "
                + created + " + interval '3 minutes', 'R' || (1 + g % 12), 'yp-l-' || g, " + created + ", "
                + "CASE WHEN g % 100 < 93 THEN " + created + " + ((g * 37) % 420) * interval '1 minute' END, 1 "
                + "FROM generate_series(?, ?) g", from, to);
        history("LeadRoutingProcess", "yp-l-", "yl-", from, to, LEADS);
        // a bulk load bypasses the app's bookkeeping: the reps' workload figures are recounted and the first-contact summary
        // rebuilt, as after any bulk import
        app.context.getBean(org.leadtocash.lead.SalesTeam.class).recountWorkload();
        app.context.getBean(org.leadtocash.lead.LeadFirstContactSummary.class).rebuild();
    }

    private void quotes(int from, int to, int customers) {
        if (from > to) {
            return;
        }
        LeadToCashBenchmark.log("  quotes " + from + "–" + to);
        String created = createdAt("g", QUOTES);
        String customer = "(1 + g % " + customers + ")";
        app.jdbc.update("INSERT INTO quote (id, revision, customer_id, customer_name, customer_credit_code, customer_tier, rep_id, quote_date, "
                + "delivery_date, rebate_rate, net_total, tax_total, total, status, process_instance_id, created_at, updated_at, answered_at) "
                + "SELECT 'yq-' || g, 1, 'yc-' || " + customer + ", '年度客户' || " + customer + " || '有限公司', 'Y' || lpad(" + customer
                + "::text, 17, '0'), (ARRAY['KA','CHAIN','COMMUNITY'])[1 + g % 3], 'y-rep-' || lpad((g % " + REPS + ")::text, 3, '0'), "
                + "(" + created + ")::date, (" + created + ")::date + 30, 0.0500, 100000.00, 13000.00, 113000.00, "
                + "CASE WHEN g % 2 = 0 THEN 'ACCEPTED' ELSE 'REJECTED' END, 'yp-q-' || g, " + created + ", " + created + ", "
                + created + " + interval '2 days' FROM generate_series(?, ?) g", from, to);
        // every second quote became a contract: drafted a day after the quote, approved two days later, one in four returned once
        String drafted = "(" + created + " + interval '1 day')";
        String even = "FROM generate_series(?, ?) g WHERE g % 2 = 0";
        app.jdbc.update("INSERT INTO contract (id, quote_id, quote_revision, customer_id, customer_name, customer_credit_code, rep_id, "
                + "delivery_date, rebate_rate, net_total, tax_total, total, status, legal_returns, process_instance_id, drafted_at, approved_at, "
                + "approved_by, clauses_current_at_approval, attachments_complete) "
                + "SELECT 'yk-' || g, 'yq-' || g, 1, 'yc-' || " + customer + ", '年度客户' || " + customer + " || '有限公司', "
                + "'Y' || lpad(" + customer + "::text, 17, '0'), 'y-rep-' || lpad((g % " + REPS + ")::text, 3, '0'), (" + created + ")::date + 30, "
                + "0.0500, 100000.00, 13000.00, 113000.00, 'APPROVED', CASE WHEN g % 8 = 0 THEN 1 ELSE 0 END, 'yp-q-' || g, " + drafted
                + ", " + drafted + " + interval '2 days', 'lina', TRUE, TRUE " + even, from, to);
        app.jdbc.update("INSERT INTO contract_line (contract_id, line_no, product_model, product_name, quantity, list_price, unit_price_incl_tax, "
                + "vat_rate, net_amount, tax_amount, total_amount) SELECT 'yk-' || g, 1, 'YF-GW-200', '智能网关', 10, 11300.00, 11300.00, 0.13, "
                + "100000.00, 13000.00, 113000.00 " + even, from, to);
        for (String[] clause : new String[][] {{"TECH", "技术协议", "false"}, {"PAYMENT", "付款条款", "true"}, {"WARRANTY", "质保说明", "true"}}) {
            app.jdbc.update("INSERT INTO contract_clause (contract_id, type_code, type_name, clause_version_id, clause_version, locked, "
                    + "clause_text) SELECT 'yk-' || g, ?, ?, 1, 1, " + clause[2] + ", '条款正文 clause text' " + even, clause[0], clause[1],
                    from, to);
        }
        app.jdbc.update("INSERT INTO contract_review (contract_id, review_round, decision, reason, reviewer, reviewed_at) "
                + "SELECT 'yk-' || g, 1, 'RETURN', '付款条款需修改', 'lina', " + drafted + " + interval '1 day' FROM generate_series(?, ?) g "
                + "WHERE g % 8 = 0", from, to);
        app.jdbc.update("INSERT INTO contract_review (contract_id, review_round, decision, reviewer, reviewed_at) "
                + "SELECT 'yk-' || g, 1 + CASE WHEN g % 8 = 0 THEN 1 ELSE 0 END, 'APPROVE', 'lina', " + drafted + " + interval '2 days' "
                + even, from, to);
        // four in five contracts invoiced, one verdict each (2 % rejected by U8)
        String invoiced = "FROM generate_series(?, ?) g WHERE g % 2 = 0 AND g % 10 <> 0";
        app.jdbc.update("INSERT INTO invoice_request (id, contract_id, quote_id, customer_id, customer_name, customer_credit_code, rep_id, "
                + "net_amount, tax_amount, total_amount, bank_name, bank_account, invoice_date, status, process_instance_id, created_at) "
                + "SELECT 'yi-' || g, 'yk-' || g, 'yq-' || g, 'yc-' || " + customer + ", '年度客户' || " + customer + " || '有限公司', "
                + "'Y' || lpad(" + customer + "::text, 17, '0'), 'y-rep-' || lpad((g % " + REPS + ")::text, 3, '0'), 100000.00, 13000.00, "
                + "113000.00, '基准银行', '6222000000000000', (" + drafted + ")::date + 3, 'HANDED_OFF', 'yp-q-' || g, " + drafted
                + " + interval '3 days' " + invoiced, from, to);
        app.jdbc.update("INSERT INTO invoice_handoff_verdict (invoice_request_id, outcome, errcode, recorded_at) "
                + "SELECT 'yi-' || g, CASE WHEN g % 100 = 2 THEN 'REJECTED' ELSE 'ACCEPTED' END, CASE WHEN g % 100 = 2 THEN '30001' END, "
                + drafted + " + interval '3 days 1 hour' " + invoiced, from, to);
        history("QuoteToInvoiceProcess", "yp-q-", "yq-", from, to, QUOTES);
        // as for the workload: the contract KPI's summaries are rebuilt from the rows the load wrote with SQL
        app.context.getBean(org.leadtocash.quote.ContractKpiSummary.class).rebuild();
    }

    private void closedJourneys(int from, int to) {
        if (from > to) {
            return;
        }
        LeadToCashBenchmark.log("  closed payment journeys " + from + "–" + to);
        int n = JOURNEYS - OPEN_JOURNEYS;
        String started = createdAt("g", n);
        app.jdbc.update("INSERT INTO payment_journey (id, invoice_no, customer_id, customer_name, rep_id, amount_due, amount_received, invoice_date, "
                + "node, node_since, status, process_instance_id, started_by, started_at, paid_at) "
                + "SELECT 'yj-' || g, 'Y' || lpad(g::text, 11, '0'), 'yc-' || (1 + g % 1000), '年度客户' || (1 + g % 1000) || '有限公司', "
                + "'y-rep-' || lpad((g % " + REPS + ")::text, 3, '0'), 113000.00, 113000.00, (" + started + ")::date, 'BANK_RECEIVED', "
                + started + " + interval '80 days', 'PAID', 'yp-p-' || g, 'finance', " + started + ", " + started + " + interval '80 days' "
                + "FROM generate_series(?, ?) g", from, to);
        String[] nodes = {"INVOICE_SUBMITTED", "INVOICE_SIGNED", "PROCUREMENT_STARTED", "CUSTOMER_PAID", "BANK_RECEIVED"};
        int[] enteredDay = {0, 5, 20, 60, 78};
        for (int i = 0; i < nodes.length; i++) {
            String left = i + 1 < nodes.length ? started + " + interval '" + enteredDay[i + 1] + " days'" : started + " + interval '80 days'";
            app.jdbc.update("INSERT INTO payment_node_visit (journey_id, node, entered_at, left_at) SELECT 'yj-' || g, ?, " + started
                    + " + interval '" + enteredDay[i] + " days', " + left + " FROM generate_series(?, ?) g", nodes[i], from, to);
        }
        // one in five journeys stalled at node ③ once and the rep answered the blocker checklist
        app.jdbc.update("INSERT INTO payment_blocker_check (journey_id, customer_id, customer_name, rep_id, node, node_since, occurrence, timer_id, "
                + "process_instance_id, fired_at, note, answered_by, answered_at) SELECT 'yj-' || g, 'yc-' || (1 + g % 1000), "
                + "'年度客户' || (1 + g % 1000) || '有限公司', 'y-rep-' || lpad((g % " + REPS + ")::text, 3, '0'), 'PROCUREMENT_STARTED', "
                + started + " + interval '20 days', 1, 'breaker', 'yp-p-' || g, " + started + " + interval '22 days', '客户流程变更', "
                + "'y-rep-' || lpad((g % " + REPS + ")::text, 3, '0'), " + started + " + interval '23 days' FROM generate_series(?, ?) g "
                + "WHERE g % 5 = 0", from, to);
        app.jdbc.update("INSERT INTO payment_blocker_cause (check_id, cause) SELECT id, "
                + "(ARRAY['INVOICE_WRONG','CUSTOMER_PROCESS_CHANGED','BANK_ACCOUNT_FROZEN'])[1 + (length(journey_id) + id::int) % 3] "
                + "FROM payment_blocker_check c WHERE journey_id LIKE 'yj-%' AND NOT EXISTS "
                + "(SELECT 1 FROM payment_blocker_cause k WHERE k.check_id = c.id)");
        history("PaymentJourneyProcess", "yp-p-", "yj-", from, to, n);
        app.context.getBean(org.leadtocash.payment.PaymentKpiSummary.class).rebuild();
    }

    /**
     * The engine's history of {@code [from, to]} finished instances of the newest {@code key}: the instance, its start
     * event, every user task (an hour to a day each, assigned to the rep) and its first end event.
     */
    private void history(String key, String instancePrefix, String businessKeyPrefix, int from, int to, int yearly) {
        ProcessDefinition definition = app.engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult();
        BpmnModelInstance model = app.engine.getRepositoryService().getBpmnModelInstance(definition.getId());
        List<FlowNode> steps = new ArrayList<>();
        model.getModelElementsByType(StartEvent.class).stream().filter(e -> e.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process)
                .findFirst().ifPresent(steps::add);
        steps.addAll(model.getModelElementsByType(UserTask.class));
        model.getModelElementsByType(EndEvent.class).stream().filter(e -> e.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process)
                .findFirst().ifPresent(steps::add);
        String start = createdAt("g", yearly);
        app.jdbc.update("INSERT INTO act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_, "
                + "duration_, start_act_id_, end_act_id_, root_proc_inst_id_, state_) "
                + "SELECT ? || g, ? || g, ? || g, ?, ?, " + start + ", " + start + " + interval '1 day' * " + steps.size() + ", "
                + 86_400_000L * steps.size() + ", ?, ?, ? || g, 'COMPLETED' FROM generate_series(?, ?) g",
                instancePrefix, instancePrefix, businessKeyPrefix, key, definition.getId(), steps.get(0).getId(),
                steps.get(steps.size() - 1).getId(), instancePrefix, from, to);
        for (int i = 0; i < steps.size(); i++) {
            FlowNode step = steps.get(i);
            boolean task = step instanceof UserTask;
            String type = step instanceof StartEvent ? "startEvent" : task ? "userTask" : "noneEndEvent";
            // a user task lasts 1–24 h, spread by instance; events take no time
            String minutes = task ? "(60 + (g * 53 + " + i + " * 17) % 1380)" : "0";
            String begin = start + " + interval '1 day' * " + i;
            app.jdbc.update("INSERT INTO act_hi_actinst (id_, parent_act_inst_id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_, "
                    + "execution_id_, act_id_, act_name_, act_type_, assignee_, start_time_, end_time_, duration_, act_inst_state_, "
                    + "sequence_counter_) SELECT ? || g || '-' || ?, ? || g, ?, ?, ? || g, ? || g, ? || g, ?, ?, ?, "
                    + (task ? "'y-rep-' || lpad((g % " + REPS + ")::text, 3, '0')" : "NULL") + ", " + begin + ", " + begin + " + " + minutes
                    + " * interval '1 minute', " + minutes + " * 60000, 1, ? FROM generate_series(?, ?) g",
                    instancePrefix, i, instancePrefix, key, definition.getId(), instancePrefix, instancePrefix, instancePrefix, step.getId(),
                    step.getName(), type, i + 1, from, to);
        }
    }

    /** Open journeys, started through the application: the measured rep owns {@link #REP_TASKS}, the others the rest. */
    private void openJourneys(int target) {
        PaymentJourneys journeys = app.context.getBean(PaymentJourneys.class);
        int before = openJourneys;
        if (target <= before) {
            return;
        }
        LeadToCashBenchmark.log("  open payment journeys " + (before + 1) + "–" + target + " (through the application)");
        LocalDate today = LocalDate.now(ZONE);
        Parallel.run(target - before, 2, 30 * 60_000L, i -> {
            int g = before + 1 + i;
            String rep = g <= REP_TASKS ? REP : "y-rep-" + String.format("%03d", g % REPS);
            // a third of them invoiced 3–20 days ago: past node ①'s 48 h breaker and on the rep's stuck list
            LocalDate invoiceDate = g % 3 == 0 ? today.minusDays(3 + g % 18) : today;
            journeys.start(new JourneyStart("yo-" + g, "O" + String.format("%011d", g), null, "年度客户" + (g % 1000) + "有限公司", rep,
                    new java.math.BigDecimal("56000.00"), invoiceDate, "周采购", "13912340001", null), "finance");
        });
        openJourneys = target;
        Parallel.await(() -> app.count("SELECT COUNT(*) FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_ "
                + "WHERE e.business_key_ LIKE 'yo-%'") >= target, 10 * 60_000L, 500);
    }

    /** Leads posted through {@code POST /api/leads} and routed by the app, waiting for first contact. */
    private void openLeads(int target) {
        if (target <= openLeads) {
            return;
        }
        LeadToCashBenchmark.log("  open leads " + (openLeads + 1) + "–" + target + " (through the intake API)");
        app.postLeads("y-open-" + openLeads + "-", target - openLeads, 2, 30 * 60_000L);
        openLeads = target;
        Parallel.await(() -> app.count("SELECT COUNT(*) FROM sales_lead WHERE status = 'NEW' AND external_id LIKE 'bench-y-open-%'") == 0,
                10 * 60_000L, 500);
    }

    // ------------------------------------------------------------------------------------------------ measurements

    private List<Timing> measure(int samples) throws Exception {
        List<Timing> out = new ArrayList<>();
        Session manager = Session.login(app.base, MANAGER, PASSWORD, "cockpit");
        LocalDate to = LocalDate.now(ZONE);
        LocalDate from = to.minusDays(89);
        String range = "?from=" + from + "&to=" + to;
        List<String> weeks = new ArrayList<>();
        for (LocalDate end = to; weeks.size() < 8; end = end.minusDays(7)) {
            weeks.add("/api/kpi/leads/first-contact?from=" + end.minusDays(6) + "&to=" + end);
        }
        out.add(time("KPI: first contact (R-07), 90 days", samples, i -> manager.get("/api/kpi/leads/first-contact" + range)));
        out.add(time("KPI: contracts and invoicing (R-16), 90 days", samples, i -> manager.get("/api/kpi/contracts" + range)));
        out.add(time("KPI: payments (R-24), 90 days", samples, i -> manager.get("/api/kpi/payments" + range)));
        out.add(time("KPI board, whole page (the 3 above + 8 weekly first-contact calls, 4 at a time)", Math.max(3, samples / 4), i -> {
            List<String> all = new ArrayList<>(List.of("/api/kpi/leads/first-contact" + range, "/api/kpi/contracts" + range,
                    "/api/kpi/payments" + range));
            all.addAll(weeks);
            Parallel.run(all.size(), 4, 600_000L, k -> manager.get(all.get(k)));
        }));
        for (String key : List.of("LeadRoutingProcess", "QuoteToInvoiceProcess", "PaymentJourneyProcess")) {
            String definitionId = app.engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                    .singleResult().getId();
            out.add(time("SLA heatmap: " + key + " (GET /api/heatmap: statistics, past-due counts, 90-day median from the summary)", Math.max(3, samples / 2),
                    i -> heatmap(manager, definitionId)));
        }
        String stuck = filterId("我的卡点 Stuck");
        out.add(time("Tasklist: " + REP + "'s 我的卡点 Stuck filter, first page with card variables", samples,
                i -> basic("POST", "/engine-rest/filter/" + stuck + "/list?firstResult=0&maxResults=15", REP, "{}")));
        out.add(time("Tasklist: " + REP + "'s My tasks (" + REP_TASKS + " open), first page, by due date", samples,
                i -> basic("POST", "/engine-rest/task?firstResult=0&maxResults=15", REP,
                        "{\"assignee\":\"" + REP + "\",\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}")));
        String leadDefinition = app.engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("LeadRoutingProcess")
                .latestVersion().singleResult().getId();
        out.add(time("Cockpit: running instances of LeadRoutingProcess, first page of 50 + count", samples, i -> {
            String body = "{\"processDefinitionId\":\"" + leadDefinition + "\",\"sortBy\":\"startTime\",\"sortOrder\":\"desc\"}";
            manager.post("/camunda/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=50", body);
            manager.post("/camunda/api/cockpit/plugin/base/default/process-instance/count", body);
        }));
        return out;
    }

    /** As sla-heatmap.js: one call per diagram (waiting, past due and the median bucket of the last 90 days). */
    private void heatmap(Session manager, String definitionId) throws Exception {
        manager.get("/api/heatmap/" + URLEncoder.encode(definitionId, StandardCharsets.UTF_8) + "?days=90");
    }

    private String filterId(String name) throws Exception {
        JsonNode filters = json.readTree(basic("GET", "/engine-rest/filter?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), REP, null));
        if (filters.isEmpty()) {
            throw new IllegalStateException("no Tasklist filter named " + name);
        }
        return filters.get(0).path("id").asText();
    }

    private String basic(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.base + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = basicHttp.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static Timing time(String what, int samples, Parallel.Task call) throws Exception {
        for (int i = 0; i < 3; i++) {
            call.run(i);
        }
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            call.run(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        Timing timing = new Timing(what, samples, percentile(ms, 0.50), percentile(ms, 0.95));
        LeadToCashBenchmark.log(String.format(Locale.ROOT, "  %s: p50 %.0f ms, p95 %.0f ms", what, timing.p50(), timing.p95()));
        return timing;
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** A webapp login (session cookie + CSRF token), as Cockpit and Tasklist hold it. */
    static final class Session {
        private final String base;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http;
        private String csrf;

        private Session(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        static Session login(String base, String user, String password, String app) throws Exception {
            Session s = new Session(base);
            s.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/default/")).GET(), true);
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            s.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)), false);
            // as the webapp does after its login: ask who is logged in, which hands over the new session's CSRF token
            s.get("/camunda/api/admin/auth/user/default");
            return s;
        }

        String get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                    .header("X-Requested-With", "XMLHttpRequest").GET(), false);
        }

        String post(String path, String body) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                    .header("X-Requested-With", "XMLHttpRequest").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), false);
        }

        private String send(HttpRequest.Builder b, boolean anyStatus) throws Exception {
            if (csrf != null) {
                b.header("X-XSRF-TOKEN", csrf);
            }
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            r.headers().firstValue("X-XSRF-TOKEN").ifPresent(t -> csrf = t);
            for (HttpCookie c : cookies.getCookieStore().getCookies()) {
                if ("XSRF-TOKEN".equals(c.getName())) {
                    csrf = c.getValue();
                }
            }
            if (!anyStatus && r.statusCode() >= 300) {
                throw new IllegalStateException(r.request().method() + " " + r.request().uri().getPath() + " → " + r.statusCode() + ": "
                        + r.body().substring(0, Math.min(300, r.body().length())));
            }
            return r.body();
        }
    }

}
