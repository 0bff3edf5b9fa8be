package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.leadtocash.erp.U8HandOff;
import org.leadtocash.erp.U8Properties;
import org.leadtocash.lead.CustomerBook;
import org.leadtocash.lead.LicenceFields;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.support.Licences;
import org.leadtocash.support.ProcessTests;
import org.leadtocash.shared.Groups;
import org.leadtocash.standin.U8StandIn;
import org.leadtocash.support.TestData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fixtures of the quote-to-invoice tests on the real tables and engine: resets the quote, contract and invoice tables,
 * makes customers owned by a rep, starts quotes, completes tasks as a user, drives the process to a step, publishes
 * clause versions it removes again, and points the U8 hand-off at the U8 stand-in.
 */
@Component
public class QuoteTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> REP = List.of(Groups.SALES_REP);
    static final List<String> LEGAL = List.of(Groups.LEGAL);
    static final List<String> FINANCE = List.of(Groups.FINANCE);

    private final TestData data;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final PlatformTransactionManager transactionManager;
    private final Quotes quotes;
    private final ClauseLibrary library;
    private final RuntimeService runtimeService;
    private final HandOffToU8Delegate handOffDelegate;
    private final CustomerBook customerBook;
    private final List<Long> publishedVersions = new ArrayList<>();
    private U8HandOff originalHandOff;

    public QuoteTestSupport(TestData data, JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager,
                            Quotes quotes, ClauseLibrary library, RuntimeService runtimeService,
                            HandOffToU8Delegate handOffDelegate, CustomerBook customerBook) {
        this.customerBook = customerBook;
        this.data = data;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactionManager = transactionManager;
        this.quotes = quotes;
        this.library = library;
        this.runtimeService = runtimeService;
        this.handOffDelegate = handOffDelegate;
    }

    /** TestData.reset() plus the tables of this feature, the clause versions tests published, the real U8 hand-off. */
    public void reset() {
        data.reset();
        for (String table : List.of("invoice_fix", "invoice_handoff_verdict", "invoice_line", "invoice_request",
                "contract_review", "contract_clause", "contract_line", "contract", "clause_tamper_attempt", "quote_clause",
                "quote_line", "quote")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        for (Long id : publishedVersions) {
            jdbc.sql("DELETE FROM clause_version WHERE id = ?").param(id).update();
        }
        publishedVersions.clear();
        if (originalHandOff != null) {
            ReflectionTestUtils.setField(handOffDelegate, "u8", originalHandOff);
            originalHandOff = null;
        }
    }

    // --- customers and quotes ---------------------------------------------------------------------------------------

    /** A KA customer owned by the rep; returns its id. */
    public String customerOf(String rep) {
        return customerOf(rep, "KA");
    }

    /** A customer owned by the rep, recorded from its business licence with the store tier; returns its id. */
    public String customerOf(String rep, String storeTier) {
        String code = TestData.creditCode();
        Map<String, Object> licence = Licences.licence(code, "上海报价测试科技有限公司" + code.substring(10, 16), storeTier);
        licence.put(LicenceFields.OWNER_ID, rep);
        return customerBook.register(licence, rep).id();
    }

    String creditCodeOf(String customerId) {
        return jdbc.sql("SELECT credit_code FROM customer WHERE id = ?").param(customerId).query(String.class).single();
    }

    static Quotes.QuoteRequest request(String customerId, String tier, LocalDate delivery, Object... modelQuantity) {
        List<Quotes.LineRequest> lines = new ArrayList<>();
        for (int i = 0; i < modelQuantity.length; i += 2) {
            lines.add(new Quotes.LineRequest((String) modelQuantity[i], new BigDecimal(modelQuantity[i + 1].toString())));
        }
        return new Quotes.QuoteRequest(customerId, null, tier, delivery.toString(), lines, null);
    }

    /** Starts a quote as the rep, as the API does. */
    Quotes.Started start(String rep, Quotes.QuoteRequest request) {
        return as(rep, REP, () -> quotes.start(request, rep));
    }

    /** A KA quote of one JM-200 and two GW-100 for a fresh customer of the rep, waiting at 编辑报价. */
    public Quotes.Started quote(String rep) {
        return start(rep, request(customerOf(rep), "KA", TestData.today().plusDays(30), "JM-200", 1, "GW-100", 2));
    }

    // --- tasks ------------------------------------------------------------------------------------------------------

    // by process instance id, the way the API tests know an instance; ProcessTests does the work

    Task task(String processInstanceId, String taskKey) {
        Task task = ProcessTests.task(taskKey, ProcessTests.processInstance(processInstanceId));
        assertThat(task).as("task " + taskKey).isNotNull();
        return task;
    }

    void complete(String processInstanceId, String taskKey, String user, List<String> groups, Map<String, Object> vars) {
        ProcessTests.completeAs(user, groups, task(processInstanceId, taskKey), vars);
    }

    /** The lines of the edit form as they are (every line at its current unit price), with one line's price changed. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> linesWithPrice(String processInstanceId, int lineNo, String unitPrice) {
        JsonNode lines = QuoteJson.tree(runtimeService.getVariable(processInstanceId, Vars.LINES));
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode l : lines) {
            Map<String, Object> m = JSON.convertValue(l, Map.class);
            if (l.get("lineNo").asInt() == lineNo) {
                m.put("unitPriceInclTax", new BigDecimal(unitPrice));
            }
            out.add(m);
        }
        return out;
    }

    /** The lines as the form shows them now. */
    List<Map<String, Object>> currentLines(String processInstanceId) {
        return linesWithPrice(processInstanceId, -1, null);
    }

    Map<String, Object> editVars(String processInstanceId, LocalDate delivery) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.LINES, QuoteJson.variable(currentLines(processInstanceId)));
        vars.put(Vars.DELIVERY_DATE, delivery.toString());
        return vars;
    }

    public void editUnchanged(String pi, String rep) {
        complete(pi, QuoteToInvoiceProcess.Task.EDIT_QUOTE, rep, REP, editVars(pi, TestData.today().plusDays(30)));
    }

    void answer(String pi, String rep, String answer, String reason) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.CUSTOMER_ANSWER, answer);
        vars.put(Vars.REJECT_REASON, reason);
        complete(pi, QuoteToInvoiceProcess.Task.RECORD_CUSTOMER_ANSWER, rep, REP, vars);
    }

    void review(String pi, String decision, String reason) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.REVIEW_DECISION, decision);
        vars.put(Vars.RETURN_REASON, reason);
        complete(pi, QuoteToInvoiceProcess.Task.REVIEW_CONTRACT, "zhoujie", LEGAL, vars);
    }

    /** Quote edited unchanged and accepted: the contract waits for legal. */
    void toLegalReview(String pi, String rep) {
        editUnchanged(pi, rep);
        answer(pi, rep, "ACCEPTED", null);
        assertThat(task(pi, QuoteToInvoiceProcess.Task.REVIEW_CONTRACT)).isNotNull();
    }

    /** Runs the job waiting before the activity, as the job executor would. */
    void executeJob(String processInstanceId, String activityId) {
        Job job = job(processInstanceId, activityId);
        assertThat(job).as("job before " + activityId).isNotNull();
        ProcessTests.execute(job);
    }

    Job job(String processInstanceId, String activityId) {
        return ProcessTests.job(activityId, ProcessTests.processInstance(processInstanceId));
    }

    /** Approved by legal; the invoice request is created (its job run); the hand-off job waits. */
    void toHandOff(String pi, String rep) {
        toLegalReview(pi, rep);
        review(pi, "APPROVE", null);
        executeJob(pi, QuoteToInvoiceProcess.Task.CREATE_INVOICE_REQUEST);
        assertThat(job(pi, QuoteToInvoiceProcess.Task.HAND_OFF_TO_U8)).isNotNull();
    }

    <T> T as(String user, List<String> groups, java.util.function.Supplier<T> action) {
        return ProcessTests.as(user, groups, action);
    }

    // --- clause library -----------------------------------------------------------------------------------------------

    /** Legal publishes a new version effective today; removed again by {@link #reset()}. */
    ClauseVersion publish(String typeCode, String text) {
        ClauseVersion v = library.publish(typeCode, today(), text, "zhoujie", LEGAL);
        publishedVersions.add(v.id());
        return v;
    }

    private LocalDate today() {
        return java.time.LocalDate.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(),
                java.time.ZoneId.of("Asia/Shanghai"));
    }

    int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    // --- U8 ---------------------------------------------------------------------------------------------------------

    /** Points the process's U8 hand-off at the stand-in, which knows every customer, until {@link #reset()}. */
    void useU8(U8StandIn standIn) {
        standIn.knowEveryCustomer();
        U8Properties properties = standIn.properties().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withClaim(Duration.ofSeconds(15), Duration.ZERO);
        U8HandOff configured = new U8HandOff(new JdbcTemplate(dataSource), transactionManager, properties, Clock.systemUTC(),
                Clock.systemUTC());
        if (originalHandOff == null) {
            originalHandOff = (U8HandOff) ReflectionTestUtils.getField(handOffDelegate, "u8");
        }
        ReflectionTestUtils.setField(handOffDelegate, "u8", configured);
    }
}
