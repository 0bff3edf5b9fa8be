package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadtocash.quote.QuoteTestSupport;
import org.leadtocash.quote.QuoteToInvoiceProcess;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * R-30 in one action where the rep works: zhangwei starts 报价到开票 in Tasklist, ticks 新客户, types the business
 * licence and one product, and presses Start; his next task 编辑报价 links the quote PDF, which opens with his Tasklist
 * login (HTTP 200, application/pdf). The stored customer carries the licence and the tier he typed. On a desktop and
 * on a phone-sized screen (390×844). Screenshots: {@code target/e2e-screenshots/new-customer-quote-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class NewCustomerQuoteBrowserTests {
    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired QuoteTestSupport quotes;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
        quotes.reset();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"desktop", "phone"})
    void repRecordsANewCustomerFromItsLicenceAndOpensTheQuotePdfFromHisNextTask(String screen) {
        String code = TestData.creditCode();
        String name = "上海一步便利店有限公司" + code.substring(12, 17);
        String base = "http://localhost:" + port;
        Browser browser = screen.equals("phone") ? browsers.phone(base) : browsers.open(base);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");

        new NewCustomerQuoteForm(code, name, "有限责任公司（自然人投资或控股）", "陈小明", "120.5", LocalDate.of(2016, 3, 5), "COMMUNITY",
                "上海市静安区南京西路1号", "日用百货、食品销售", "GW-100", "10", TestData.today().plusDays(30)).fill(browser);
        browser.screenshot("new-customer-quote-1-" + screen + "-start-form");
        StartForms.start(browser);

        Task edit = browser.until("the quote's edit task", d -> taskService.createTaskQuery().taskAssignee("zhangwei")
                .processDefinitionKey(QuoteToInvoiceProcess.KEY).taskDefinitionKey(QuoteToInvoiceProcess.Task.EDIT_QUOTE).singleResult());
        Map<String, Object> customer = jdbc.sql("SELECT * FROM customer WHERE credit_code = ?").param(code).query().singleRow();
        assertThat(customer).containsEntry("COMPANY_NAME", name).containsEntry("STORE_TIER", "COMMUNITY")
                .containsEntry("OWNER_ID", "zhangwei").containsEntry("LEGAL_REPRESENTATIVE", "陈小明");
        assertThat(customer.get("ESTABLISHED_ON").toString()).isEqualTo("2016-03-05");
        String quoteId = (String) taskService.getVariable(edit.getId(), QuoteToInvoiceProcess.Vars.QUOTE_ID);
        assertThat(jdbc.sql("SELECT customer_id FROM quote WHERE id = ?").param(quoteId).query(String.class).single())
                .isEqualTo(customer.get("ID"));
        browser.screenshot("new-customer-quote-2-" + screen + "-started");

        browser.open("/camunda/app/tasklist/default/#/?task=" + edit.getId());
        WebElement link = browser.visible(By.cssSelector("a[href$='/api/quotes/" + quoteId + "/pdf']"));
        assertThat(link.getText()).contains("打开报价单");
        browser.screenshot("new-customer-quote-3-" + screen + "-edit-task-with-pdf-link");
        String answerToLink = StartForms.fetchWithSession(browser, link.getDomAttribute("href"));
        assertThat(answerToLink).isEqualTo("200 application/pdf %PDF-");
    }
}
