package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.quote.QuoteToInvoiceProcess;
import org.leadtocash.support.ChildNode;
import org.leadtocash.support.FirstInstallData;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole first run of README's production section through the UI, each step where its user works, on a fresh
 * PostgreSQL with the {@code postgres} profile and no demo data (the browser twin of {@code FirstInstallTests}): the
 * admin enters the company profile and loads the team from CSV in Camunda Admin and creates legal's user there; the
 * director adds two products and legal their clause type and texts in Tasklist; the manager imports 20 customers in
 * Tasklist. A lead posted to the API is routed to an imported rep, who signs in with the password the import showed,
 * quotes a new customer from its licence in one start form and opens the PDF from his next task.
 *
 * <p>The application runs as a separate JVM ({@link ChildNode}) with its webapps on: the webapps keep static state per
 * JVM, which a second in-JVM context would share with the test context of the other browser tests. Only stored rows
 * are read with SQL. Screenshots: {@code target/e2e-screenshots/first-install-*.png}.
 */
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class FirstInstallBrowserTests {
    private static final String CHANNEL_KEY = "first-install-ui-website-key-01";
    private static final String ADMIN = "itadmin";
    private static final String ADMIN_PASSWORD = "First-Admin-Ui-Pw-2026";
    private static final String LEGAL = "fawu1";
    private static final String LEGAL_PASSWORD = "Legal-Ui-Pw-2026-abc";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedPostgres postgres;
    private static ChildNode app;
    private static JdbcClient jdbc;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @TempDir Path dir;

    @BeforeAll
    static void install() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        jdbc = JdbcClient.create(postgres.getPostgresDatabase());
        app = ChildNode.start("first-install-ui", List.of("--spring.profiles.active=postgres",
                "--DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"), "--DB_USER=postgres", "--DB_PASSWORD=postgres",
                "--spring.jmx.enabled=false",
                "--camunda.bpm.admin-user.id=" + ADMIN,
                "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                "--leadtocash.security.channel-keys.WEBSITE_FORM=" + CHANNEL_KEY),
                Path.of("target", "e2e-screenshots", "first-install-app.log"));
        app.awaitUp(Duration.ofSeconds(Long.getLong("e2e.first-install.start-seconds", 300)));
    }

    @AfterAll
    static void uninstall() throws Exception {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aCompanySetsItselfUpInTheWebappsAndItsFirstRepOpensAQuotePdf() throws Exception {
        assertThat(count("sales_staff")).as("a fresh install has no roster").isZero();
        assertThat(count("product")).as("nor a catalogue").isZero();

        // 1. the admin enters the company profile: Admin → 系统 System → 公司信息 (from the dashboard's notice)
        Browser admin = browsers.open(app.baseUrl());
        admin.loginTo("admin", ADMIN, ADMIN_PASSWORD);
        AdminPages.companyProfileFromDashboard(admin);
        Map<String, String> profile = new LinkedHashMap<>();
        profile.put("sellerName", "杭州远山机械有限公司");
        profile.put("taxNumber", "91330106MA2H3K4L5N");
        profile.put("addressPhone", "杭州市西湖区文三路 100 号 0571-88881234");
        profile.put("bankName", "招商银行杭州分行");
        profile.put("bankAccount", "571901234567890");
        AdminPages.saveCompleteProfile(admin, profile);
        admin.screenshot("first-install-01-company-profile");
        assertThat(jdbc.sql("SELECT seller_name || '/' || bank_account || '/' || updated_by FROM company_profile").query(String.class).single())
                .isEqualTo("杭州远山机械有限公司/571901234567890/" + ADMIN);

        // 2. the admin loads the team from CSV: Admin → 销售团队; the report shows each initial password once
        admin.open("/camunda/app/admin/default/");
        SalesTeamPage team = SalesTeamPage.fromDashboard(admin);
        Path teamCsv = dir.resolve("team.csv");
        Files.writeString(teamCsv, FirstInstallData.TEAM_CSV, StandardCharsets.UTF_8);
        Map<String, String> passwords = team.importCsv(teamCsv);
        admin.screenshot("first-install-02-team-imported");
        assertThat(passwords).containsKeys("ysdir", "ysmgr", "ysrep1", "ysrep2", "ysrep3", "ysrep4", "ysrep5");
        assertThat(jdbc.sql("SELECT user_id FROM sales_staff WHERE role = 'REP' AND active ORDER BY user_id").query(String.class).list())
                .containsExactlyElementsOf(FirstInstallData.REPS);

        // 3. legal is no sales role: the admin creates the user in Admin → 用户 Users and adds it to group legal
        AdminPages.createUser(admin, "default", LEGAL, "杰", "周", "fawu1@example.cn", LEGAL_PASSWORD);
        AdminPages.addToGroup(admin, "default", LEGAL, "legal");
        admin.screenshot("first-install-03-legal-user");
        assertThat(jdbc.sql("SELECT GROUP_ID_ FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ = ?").param(LEGAL).query(String.class).list())
                .containsExactly("legal");

        // 4. the director keeps the catalogue in Tasklist: 维护产品目录, two products
        Browser director = browsers.open(app.baseUrl());
        director.loginTo("tasklist", "ysdir", passwords.get("ysdir"));
        CatalogueForms.product(director, "YS-M200", "注塑模具 M200 Injection mould", "128000", "13%");
        director.until("the first product row", d -> count("product") == 1);
        CatalogueForms.product(director, "YS-G100", "智能网关 G100 Smart gateway", "3980", "13%");
        director.until("the second product row", d -> count("product") == 2);
        director.screenshot("first-install-04-products");
        assertThat(jdbc.sql("SELECT model || '/' || unit_price_cny || '/' || vat_rate FROM product ORDER BY model").query(String.class).list())
                .containsExactly("YS-G100/3980.00/0.13", "YS-M200/128000.00/0.13");

        // 5. legal says which products need the technical agreement (维护条款类型) and publishes its text per product and
        // the texts every quote carries (发布条款版本)
        Browser legal = browsers.open(app.baseUrl());
        legal.loginTo("tasklist", LEGAL, LEGAL_PASSWORD);
        CatalogueForms.clauseType(legal, "TECHNICAL_AGREEMENT", "技术协议 Technical agreement", "YS-M200, YS-G100");
        legal.until("the products that need the technical agreement", d -> jdbc.sql(
                "SELECT COUNT(*) FROM product_clause_type WHERE clause_type = 'TECHNICAL_AGREEMENT'").query(Integer.class).single() == 2);
        LocalDate today = TestData.today();
        CatalogueForms.publish(legal, "技术协议", "YS-M200", today, "技术协议：YS-M200 专用条款正文。");
        legal.until("the YS-M200 text", d -> versions() == 1);
        CatalogueForms.publish(legal, "技术协议", "YS-G100", today, "技术协议：YS-G100 专用条款正文。");
        legal.until("the YS-G100 text", d -> versions() == 2);
        CatalogueForms.publish(legal, "知识产权归属", null, today, "一、合同项下软件及技术资料的知识产权归卖方所有。");
        CatalogueForms.publish(legal, "不可抗力定义", null, today, "二、不可抗力指不能预见、不能避免且不能克服的客观情况。");
        legal.until("the general texts", d -> versions() == 4);
        legal.screenshot("first-install-05-clauses");
        assertThat(jdbc.sql("SELECT type_code || '/' || COALESCE(product_model, '*') || '/' || published_by FROM clause_version "
                        + "WHERE published_by = ? ORDER BY type_code, product_model").param(LEGAL).query(String.class).list())
                .containsExactly("FORCE_MAJEURE/*/" + LEGAL, "IP_OWNERSHIP/*/" + LEGAL, "TECHNICAL_AGREEMENT/YS-G100/" + LEGAL,
                        "TECHNICAL_AGREEMENT/YS-M200/" + LEGAL);

        // 6. the manager imports the customer book in Tasklist: 客户导入, 20 customers owned by the imported reps
        Browser manager = browsers.open(app.baseUrl());
        manager.loginTo("tasklist", "ysmgr", passwords.get("ysmgr"));
        Path book = dir.resolve("客户名册.csv");
        Files.writeString(book, FirstInstallData.customerBook(20), StandardCharsets.UTF_8);
        AdminPages.importCustomers(manager, book);
        manager.visible(By.cssSelector(".leadtocash-import-lines tr[data-line='21']"));
        manager.screenshot("first-install-06-customers-imported");
        assertThat(manager.driver().findElements(By.cssSelector(".leadtocash-import-lines tbody tr")))
                .extracting(tr -> tr.getDomAttribute("data-outcome")).hasSize(20).containsOnly("CREATED");
        assertThat(jdbc.sql("SELECT owner_id, COUNT(*) FROM customer GROUP BY owner_id ORDER BY owner_id")
                .query((rs, n) -> rs.getString(1) + "=" + rs.getInt(2)).list())
                .containsExactly("ysrep1=4", "ysrep2=4", "ysrep3=4", "ysrep4=4", "ysrep5=4");

        // 7. a lead from the website (the installer's channel key) is routed to an imported EAST rep
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/leads"))
                .header("Content-Type", "application/json").header("X-Api-Key", CHANNEL_KEY).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(TestData.leadBody("WEBSITE_FORM", "EAST", "250000"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String leadPi = JSON.readTree(posted.body()).path("processInstanceId").asText();
        String rep = manager.until("the lead's first-contact task", d -> jdbc.sql("SELECT ASSIGNEE_ FROM ACT_RU_TASK "
                        + "WHERE PROC_INST_ID_ = ? AND TASK_DEF_KEY_ = ?").params(leadPi, LeadRoutingProcess.Task.FIRST_CONTACT)
                .query(String.class).optional().orElse(null));
        assertThat(rep).as("routed to an imported EAST rep").isIn("ysrep1", "ysrep2", "ysrep3");

        // 8. that rep signs in with the password the import showed, quotes a new customer in one start form and opens the
        // quote PDF from his next task with his Tasklist login
        Browser repBrowser = browsers.open(app.baseUrl());
        repBrowser.loginTo("tasklist", rep, passwords.get(rep));
        String code = TestData.creditCode();
        new NewCustomerQuoteForm(code, "杭州新开元便利有限公司", "有限责任公司（自然人投资或控股）", "陈小明", "50.5",
                LocalDate.of(2016, 3, 5), "COMMUNITY", "杭州市拱墅区莫干山路1号", "日用百货、食品销售", "YS-G100", "10",
                today.plusDays(20)).fill(repBrowser);
        repBrowser.screenshot("first-install-07-new-customer-quote");
        StartForms.start(repBrowser);
        String editTask = repBrowser.until("the quote's edit task", d -> jdbc.sql("SELECT ID_ FROM ACT_RU_TASK WHERE ASSIGNEE_ = ? "
                + "AND TASK_DEF_KEY_ = ?").params(rep, QuoteToInvoiceProcess.Task.EDIT_QUOTE).query(String.class).optional().orElse(null));
        Map<String, Object> customer = jdbc.sql("SELECT id, owner_id, store_tier, company_name FROM customer WHERE credit_code = ?")
                .param(code).query().singleRow();
        assertThat(customer).containsEntry("owner_id", rep).containsEntry("store_tier", "COMMUNITY")
                .containsEntry("company_name", "杭州新开元便利有限公司");
        String quoteId = jdbc.sql("SELECT id FROM quote WHERE customer_id = ?").param(customer.get("id")).query(String.class).single();

        repBrowser.open("/camunda/app/tasklist/default/#/?task=" + editTask);
        WebElement link = repBrowser.visible(By.cssSelector("a[href$='/api/quotes/" + quoteId + "/pdf']"));
        repBrowser.screenshot("first-install-08-edit-task-with-pdf-link");
        assertThat(StartForms.fetchWithSession(repBrowser, link.getDomAttribute("href"))).isEqualTo("200 application/pdf %PDF-");
    }

    private static int count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }

    private static int versions() {
        return jdbc.sql("SELECT COUNT(*) FROM clause_version WHERE published_by = ?").param(LEGAL).query(Integer.class).single();
    }
}
