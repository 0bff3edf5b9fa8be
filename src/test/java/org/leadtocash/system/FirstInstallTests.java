package org.leadtocash.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.LicenceFields;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.quote.QuoteToInvoiceProcess;
import org.leadtocash.quote.U8CustomerArchiveProcess;
import org.leadtocash.standin.U8StandIn;
import org.leadtocash.support.FirstInstallData;
import org.leadtocash.support.Licences;
import org.leadtocash.support.PostgresApp;
import org.leadtocash.support.TestData;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A first install as a new company would do it (issue 10, "Done when"): a fresh PostgreSQL, the {@code postgres} profile
 * without demo data, only the settings an installer passes (first admin, a channel key, U8). Every step of the set-up
 * and of the first deal goes through the product's own HTTP APIs as its real users: the admin fills in the company
 * profile and loads the sales team from CSV, a manager loads the customer book from CSV, a director adds two products,
 * legal (created in Camunda's own user API) publishes their clause texts; a lead from the website is routed to one of
 * the imported reps, who quotes a new customer from its licence in one start form, gets the PDF, and the contract goes
 * through legal to U8 (stand-in) with the profile's bank account and tax number. A quote whose product needs a clause
 * without a published text is refused until legal fixes it; every customer the product records reaches U8's customer
 * archive exactly once (the stand-in knows none and refuses invoices for customers it does not know). SQL is used only
 * to read what was stored.
 */
class FirstInstallTests {
    private static final String ENGINE = "firstInstall";
    private static final String CHANNEL_KEY = "first-install-website-key-0001";
    private static final String ADMIN = "itadmin";
    private static final String ADMIN_PASSWORD = "First-Admin-Pw-2026";
    private static final String LEGAL = "fawu1";
    private static final String LEGAL_PASSWORD = "Legal-Pw-2026-abc";
    private static final String SELLER = "杭州远山机械有限公司";
    private static final String TAX_NUMBER = "91330106MA2H3K4L5N";
    private static final String BANK_ACCOUNT = "571901234567890";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedPostgres postgres;
    private static U8StandIn u8;
    private static ConfigurableApplicationContext app;
    private static String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> passwords = new HashMap<>();

    @BeforeAll
    static void install() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        u8 = new U8StandIn();
        // the stand-in's customer archive starts empty: the product adds every customer it records; the account's
        // tax number is the one the admin enters as the company's
        u8.sellerTaxNumber(TAX_NUMBER);
        app = PostgresApp.start(postgres.getJdbcUrl("postgres", "postgres"), ENGINE,
                "--camunda.bpm.admin-user.id=" + ADMIN,
                "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                "--leadtocash.security.channel-keys.WEBSITE_FORM=" + CHANNEL_KEY,
                "--leadtocash.erp.u8.base-url=" + u8.url(),
                "--leadtocash.erp.u8.from-account=" + U8StandIn.FROM,
                "--leadtocash.erp.u8.to-account=" + U8StandIn.TO,
                "--leadtocash.erp.u8.app-key=" + U8StandIn.APP_KEY,
                "--leadtocash.erp.u8.app-secret=" + U8StandIn.APP_SECRET);
        base = PostgresApp.baseUrl(app);
    }

    @AfterAll
    static void uninstall() throws Exception {
        if (app != null) {
            app.close();
        }
        if (u8 != null) {
            u8.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aCompanySetsItselfUpWithoutDemoDataAndRunsItsFirstLeadToU8() throws Exception {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        passwords.put(ADMIN, ADMIN_PASSWORD);
        assertThat(count(jdbc, "sales_staff")).as("a fresh install has no roster").isZero();
        assertThat(count(jdbc, "product")).as("nor a catalogue").isZero();

        // 1. the first admin loads the team from CSV: a director, a manager and five reps; passwords are shown once
        String team = FirstInstallData.TEAM_CSV;
        HttpResponse<String> imported = send(ADMIN, "POST", "/api/team/import", "text/csv", team);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode teamReport = JSON.readTree(imported.body());
        assertThat(teamReport.path("created").asInt()).isEqualTo(7);
        teamReport.path("results").forEach(line -> passwords.put(line.path("userId").asText(), line.path("initialPassword").asText()));
        assertThat(passwords).containsKeys("ysdir", "ysmgr", "ysrep1", "ysrep5");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sales_staff WHERE role = 'REP' AND active").query(Integer.class).single()).isEqualTo(5);

        // 2. legal has no place in the sales team API: the admin creates the user in Camunda's own user API (Camunda
        // Admin does the same) and puts it into group legal
        Map<String, Object> legalUser = Map.of(
                "profile", Map.of("id", LEGAL, "firstName", "杰", "lastName", "周", "email", "fawu1@example.cn"),
                "credentials", Map.of("password", LEGAL_PASSWORD));
        assertThat(send(ADMIN, "POST", engineRest("/user/create"), "application/json", JSON.writeValueAsString(legalUser)).statusCode())
                .isEqualTo(204);
        assertThat(send(ADMIN, "PUT", engineRest("/group/legal/members/" + LEGAL), "application/json", "").statusCode()).isEqualTo(204);
        passwords.put(LEGAL, LEGAL_PASSWORD);

        // 3. the director puts two products into the catalogue
        for (Map<String, Object> product : List.of(
                Map.<String, Object>of("model", "YS-M200", "name", "注塑模具 M200 Injection mould", "unitPriceCny", 128000.00, "vatRate", 0.13),
                Map.<String, Object>of("model", "YS-G100", "name", "智能网关 G100 Smart gateway", "unitPriceCny", 3980.00, "vatRate", 0.13))) {
            HttpResponse<String> added = send("ysdir", "POST", "/api/catalogue/products", "application/json", JSON.writeValueAsString(product));
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        }

        // 4. legal says which clause types the two products carry and publishes their texts, plus the general ones
        for (String[] type : new String[][] {{"TECHNICAL_AGREEMENT", "技术协议 Technical agreement"},
                {"PAYMENT_TERMS", "付款条款 Payment terms"}, {"WARRANTY", "质保说明 Warranty"}}) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("name", type[1]);
            change.put("locked", false);
            change.put("appliesToAll", false);
            change.put("active", true);
            change.put("requiredFor", List.of("YS-M200", "YS-G100"));
            HttpResponse<String> typed = send(LEGAL, "PUT", "/api/catalogue/clause-types/" + type[0], "application/json", JSON.writeValueAsString(change));
            assertThat(typed.statusCode()).as(typed.body()).isEqualTo(200);
            for (String model : List.of("YS-M200", "YS-G100")) {
                publish(type[0], model, type[1] + "：" + model + " 专用条款正文。");
            }
        }
        publish("IP_OWNERSHIP", null, "一、合同项下软件及技术资料的知识产权归卖方所有。");
        publish("FORCE_MAJEURE", null, "二、不可抗力指不能预见、不能避免且不能克服的客观情况。");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM clause_version WHERE product_model IS NOT NULL").query(Integer.class).single()).isEqualTo(6);

        // 5. the manager loads the existing customer book: 20 customers, owned by the imported reps
        HttpResponse<String> customers = send("ysmgr", "POST", "/api/customers/import", "text/csv", FirstInstallData.customerBook(20));
        assertThat(customers.statusCode()).as(customers.body()).isEqualTo(200);
        assertThat(JSON.readTree(customers.body()).path("summary").path("created").asInt()).isEqualTo(20);
        assertThat(count(jdbc, "customer")).isEqualTo(20);
        // each imported customer goes to U8's customer archive, once, through its own job
        List<String> archiveJobs = archiveInstances();
        assertThat(archiveJobs).hasSize(20);
        archiveJobs.forEach(FirstInstallTests::runDueJobs);
        archiveJobs.forEach(FirstInstallTests::runDueJobs);
        List<String> bookCodes = jdbc.sql("SELECT credit_code FROM customer").query(String.class).list();
        assertThat(u8.customerAdds()).hasSize(20).containsOnlyKeys(bookCodes).allSatisfy((code, n) -> assertThat(n).as(code).isOne());

        // 6. a lead from the website (the installer's channel key) is routed to one of the imported reps
        Map<String, Object> leadBody = TestData.leadBody("WEBSITE_FORM", "EAST", "250000");
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/leads"))
                .header("Content-Type", "application/json").header("X-Api-Key", CHANNEL_KEY).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(leadBody))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String leadPi = JSON.readTree(posted.body()).path("processInstanceId").asText();
        runDueJobs(leadPi); // the job executor is off in PostgresApp: run what it would run now
        String rep = app.getBean(org.camunda.bpm.engine.TaskService.class).createTaskQuery().processInstanceId(leadPi)
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).singleResult().getAssignee();
        assertThat(rep).as("routed to an imported EAST rep").isIn("ysrep1", "ysrep2", "ysrep3");

        // 7. that rep records a new customer from its licence and gets the quote in one action (Tasklist's start form);
        // legal has made the gateway need a data-security clause without publishing its text yet: the start is refused
        // with a message naming the product and the clause type, and nothing is stored
        HttpResponse<String> dataSecurity = send(LEGAL, "POST", "/api/catalogue/clause-types", "application/json",
                JSON.writeValueAsString(Map.of("code", "DATA_SECURITY", "name", "数据安全条款 Data security", "locked", true,
                        "requiredFor", List.of("YS-G100"))));
        assertThat(dataSecurity.statusCode()).as(dataSecurity.body()).isEqualTo(201);
        String creditCode = TestData.creditCode();
        Map<String, Object> form = new LinkedHashMap<>();
        Licences.licence(creditCode, "杭州新开元便利有限公司", "COMMUNITY").forEach((k, v) -> form.put(k, typed("String", v)));
        form.put(LicenceFields.REGISTERED_CAPITAL, typed("Double", 50.5));
        form.put(QuoteToInvoiceProcess.Vars.NEW_CUSTOMER, typed("Boolean", true));
        form.put(QuoteToInvoiceProcess.Vars.PRODUCT_MODEL, typed("String", "YS-G100"));
        form.put(QuoteToInvoiceProcess.Vars.QUANTITY, typed("Integer", 10));
        form.put(QuoteToInvoiceProcess.Vars.DELIVERY_DATE, typed("String", TestData.today().plusDays(20).toString()));
        String submitStart = engineRest("/process-definition/key/" + QuoteToInvoiceProcess.KEY + "/submit-form");
        HttpResponse<String> refusedStart = send(rep, "POST", submitStart, "application/json", JSON.writeValueAsString(Map.of("variables", form)));
        assertThat(refusedStart.statusCode()).as(refusedStart.body()).isBetween(400, 599);
        assertThat(JSON.readTree(refusedStart.body()).path("message").asText()).contains("productModel", "YS-G100",
                "数据安全条款 Data security", "没有已发布的版本 / required clause has no published text", "required-clause-text");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE credit_code = ?").param(creditCode).query(Integer.class).single()).isZero();
        assertThat(count(jdbc, "quote")).isZero();
        // legal takes the gateway off that type's products (the mould keeps nothing of it: it never had it)
        HttpResponse<String> removed = send(LEGAL, "DELETE", "/api/catalogue/clause-types/DATA_SECURITY/required-for/YS-G100", null, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(JSON.readTree(removed.body()).path("requiredFor")).isEmpty();
        HttpResponse<String> started = send(rep, "POST", submitStart, "application/json", JSON.writeValueAsString(Map.of("variables", form)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String quotePi = JSON.readTree(started.body()).path("id").asText();
        runDueJobs(quotePi);
        assertThat(jdbc.sql("SELECT owner_id || '/' || store_tier FROM customer WHERE credit_code = ?").param(creditCode)
                .query(String.class).single()).isEqualTo(rep + "/COMMUNITY");
        // the new customer reaches U8's archive too, once
        List<String> newArchive = archiveInstances();
        assertThat(newArchive).hasSize(1);
        runDueJobs(newArchive.get(0));
        assertThat(u8.customerAdds()).hasSize(21).containsEntry(creditCode, 1);
        assertThat(u8.customerBodies().get(20).path("customer").path("name").asText()).isEqualTo("杭州新开元便利有限公司");
        String edit = taskId(quotePi, QuoteToInvoiceProcess.Task.EDIT_QUOTE);
        String pdfLink = variable(rep, edit, QuoteToInvoiceProcess.Vars.QUOTE_PDF).path("value").asText();
        assertThat(pdfLink).startsWith("/api/quotes/").endsWith("/pdf");

        // the admin has not entered the company yet: the PDF is refused, naming every missing field
        HttpResponse<String> refused = send(rep, "GET", pdfLink, null, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).path("missing").findValuesAsText("field"))
                .containsExactly("sellerName", "taxNumber", "addressPhone", "bankName", "bankAccount");

        // 8. the admin enters the company profile; the same link now gives the PDF with the seller
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("sellerName", SELLER);
        profile.put("taxNumber", TAX_NUMBER);
        profile.put("addressPhone", "杭州市西湖区文三路 100 号 0571-88881234");
        profile.put("bankName", "招商银行杭州分行");
        profile.put("bankAccount", BANK_ACCOUNT);
        HttpResponse<String> saved = send(ADMIN, "PUT", "/api/company-profile", "application/json", JSON.writeValueAsString(profile));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(JSON.readTree(saved.body()).path("complete").asBoolean()).isTrue();
        HttpResponse<byte[]> pdf = http.send(request(rep, "GET", pdfLink, null, null).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains(SELLER, TAX_NUMBER, "杭州新开元便利有限公司");
        }

        // 9. the rep keeps the quote, the customer accepts, legal approves, the invoice request goes to U8
        JsonNode lines = variable(rep, edit, QuoteToInvoiceProcess.Vars.LINES);
        String linesJson = lines.path("value").isTextual() ? lines.path("value").asText() : JSON.writeValueAsString(lines.path("value"));
        submitTask(rep, edit, Map.of(
                QuoteToInvoiceProcess.Vars.LINES, typed("Json", linesJson),
                QuoteToInvoiceProcess.Vars.DELIVERY_DATE, typed("String", TestData.today().plusDays(20).toString())));
        runDueJobs(quotePi);
        submitTask(rep, taskId(quotePi, QuoteToInvoiceProcess.Task.RECORD_CUSTOMER_ANSWER),
                Map.of(QuoteToInvoiceProcess.Vars.CUSTOMER_ANSWER, typed("String", "ACCEPTED")));
        runDueJobs(quotePi);
        String review = taskId(quotePi, QuoteToInvoiceProcess.Task.REVIEW_CONTRACT);
        HttpResponse<String> claimed = send(LEGAL, "POST", engineRest("/task/" + review + "/claim"), "application/json",
                JSON.writeValueAsString(Map.of("userId", LEGAL)));
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
        submitTask(LEGAL, review, Map.of(QuoteToInvoiceProcess.Vars.REVIEW_DECISION, typed("String", "APPROVE")));
        runDueJobs(quotePi);

        String contractId = jdbc.sql("SELECT id FROM contract").query(String.class).single();
        assertThat(jdbc.sql("SELECT status || '/' || approved_by FROM contract WHERE id = ?").param(contractId).query(String.class).single())
                .isEqualTo("APPROVED/" + LEGAL);
        // the contract carries legal's texts for the quoted product, not only the general ones
        assertThat(jdbc.sql("SELECT type_code || '/' || product_model FROM contract_clause WHERE contract_id = ? ORDER BY type_code")
                .param(contractId).query(String.class).list()).containsExactly("FORCE_MAJEURE/", "IP_OWNERSHIP/",
                "PAYMENT_TERMS/YS-G100", "TECHNICAL_AGREEMENT/YS-G100", "WARRANTY/YS-G100");
        assertThat(jdbc.sql("SELECT attachments_complete FROM contract WHERE id = ?").param(contractId).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT bank_account FROM invoice_request").query(String.class).single()).isEqualTo(BANK_ACCOUNT);
        assertThat(jdbc.sql("SELECT seller_tax_number FROM invoice_request").query(String.class).single()).isEqualTo(TAX_NUMBER);
        assertThat(u8.acceptedBodies()).hasSize(1);
        JsonNode invoice = u8.acceptedBodies().get(0).path("saleinvoice");
        assertThat(invoice.path("cbaccount").asText()).isEqualTo(BANK_ACCOUNT);
        assertThat(invoice.path("customername").asText()).isEqualTo("杭州新开元便利有限公司");
        assertThat(invoice.path("customercode").asText()).isEqualTo(creditCode);
        assertThat(invoice.path("define1").asText()).as("the seller's tax number").isEqualTo(TAX_NUMBER);
        assertThat(u8.customerAdds()).hasSize(21).allSatisfy((code, n) -> assertThat(n).as(code).isOne());
        assertThat(app.getBean(org.camunda.bpm.engine.HistoryService.class).createHistoricProcessInstanceQuery()
                .processInstanceId(quotePi).singleResult().getEndActivityId()).isEqualTo(QuoteToInvoiceProcess.Event.INVOICE_HANDED_OFF);
    }

    // --- HTTP as the users' clients send it ---------------------------------------------------------------------------

    private void publish(String type, String model, String text) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        if (model != null) {
            body.put("productModel", model);
        }
        body.put("effectiveDate", TestData.today().toString());
        body.put("text", text);
        HttpResponse<String> published = send(LEGAL, "POST", "/api/catalogue/clause-types/" + type + "/versions", "application/json",
                JSON.writeValueAsString(body));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    private void submitTask(String user, String taskId, Map<String, Object> variables) throws Exception {
        HttpResponse<String> done = send(user, "POST", engineRest("/task/" + taskId + "/submit-form"), "application/json",
                JSON.writeValueAsString(Map.of("variables", variables)));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    /** A variable as the user's Tasklist reads it: through his task (a rep may not read whole process instances). */
    private JsonNode variable(String user, String taskId, String name) throws Exception {
        HttpResponse<String> answer = send(user, "GET", engineRest("/task/" + taskId + "/variables/" + name
                + "?deserializeValue=false"), null, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static Map<String, Object> typed(String type, Object value) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("value", value);
        v.put("type", type);
        return v;
    }

    private static String engineRest(String path) {
        return "/engine-rest/engine/" + ENGINE + path;
    }

    private HttpResponse<String> send(String user, String method, String path, String contentType, String body) throws Exception {
        return http.send(request(user, method, path, contentType, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String method, String path, String contentType, String body) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + passwords.get(user)).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + auth);
        if (contentType != null) {
            b.header("Content-Type", contentType + "; charset=utf-8");
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    // --- the engine's side: jobs run now instead of by the (switched off) job executor; tasks found for their users ----

    /** Runs the instance's jobs that are due now, as the job executor would, until none is left (timers not yet due stay). */
    private static void runDueJobs(String processInstanceId) {
        ManagementService management = app.getBean(ManagementService.class);
        Set<String> seen = new java.util.HashSet<>();
        for (int round = 0; round < 20; round++) {
            List<Job> due = new ArrayList<>(management.createJobQuery().processInstanceId(processInstanceId).executable().list());
            due.removeIf(j -> !seen.add(j.getId() + "/" + j.getRetries()));
            if (due.isEmpty()) {
                return;
            }
            due.forEach(j -> management.executeJob(j.getId()));
        }
    }

    /** The running U8CustomerArchiveProcess instances, each waiting at its job. */
    private static List<String> archiveInstances() {
        return app.getBean(org.camunda.bpm.engine.RuntimeService.class).createProcessInstanceQuery()
                .processDefinitionKey(U8CustomerArchiveProcess.KEY).list().stream().map(p -> p.getId()).toList();
    }

    private static String taskId(String processInstanceId, String taskKey) {
        var task = app.getBean(org.camunda.bpm.engine.TaskService.class).createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("task " + taskKey).isNotNull();
        return task.getId();
    }

    private static int count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }
}
