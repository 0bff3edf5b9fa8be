package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadtocash.quote.QuoteTestSupport;
import org.leadtocash.quote.QuoteToInvoiceProcess;
import org.leadtocash.quote.Quotes;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A rep opens the quote PDF from his "record the customer's answer" task in Tasklist with the login he already has —
 * on a desktop and on a phone-sized screen (390×844): the form shows a link, and following it in the same browser
 * session gives the PDF, without a second login. Screenshots: {@code target/e2e-screenshots/quote-pdf-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class QuotePdfLinkBrowserTests {
    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired QuoteTestSupport quotes;
    @Autowired TaskService taskService;

    private Browser browser;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
        quotes.reset();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"desktop", "phone"})
    void repOpensTheQuotePdfFromHisTaskWithHisTasklistLogin(String screen) {
        Quotes.Started quote = quotes.quote("zhangwei");
        quotes.editUnchanged(quote.processInstanceId(), "zhangwei");
        Task answer = taskService.createTaskQuery().processInstanceId(quote.processInstanceId())
                .taskDefinitionKey(QuoteToInvoiceProcess.Task.RECORD_CUSTOMER_ANSWER).singleResult();
        assertThat(answer).as("the customer-answer task").isNotNull();

        String base = "http://localhost:" + port;
        browser = screen.equals("phone") ? browsers.phone(base) : browsers.open(base);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        browser.open("/camunda/app/tasklist/default/#/?task=" + answer.getId());
        WebElement link = browser.visible(By.cssSelector("a[href$='/api/quotes/" + quote.quoteId() + "/pdf']"));
        assertThat(link.getText()).contains("打开报价单");
        browser.screenshot("quote-pdf-1-" + screen + "-task-with-link");

        // what following the link gives in this browser session (a PDF tab cannot be read back from headless Chromium)
        String answerToLink = (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'})"
                        + ".then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type') + ' '"
                        + " + String.fromCharCode(...new Uint8Array(b.slice(0, 5))))))"
                        + ".catch(e => done('failed ' + e));", link.getDomAttribute("href"));
        assertThat(answerToLink).isEqualTo("200 application/pdf %PDF-");

        browser.open("/api/quotes/" + quote.quoteId() + "/pdf");
        browser.screenshot("quote-pdf-2-" + screen + "-pdf-opened");
    }
}
