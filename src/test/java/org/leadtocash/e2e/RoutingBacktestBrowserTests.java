package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.ModelerDeploy;
import org.leadtocash.support.ProcessTests;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 路由回测 Routing backtest in Cockpit (issue 11): the regional director (wanglei) opens it from Cockpit's header with his
 * Cockpit login, uploads a changed {@code lead-routing.dmn}, and sees exactly the leads the API answers for the same
 * file and window, with the count; a JUEL table is refused with its field and rule. A rep (zhangwei) cannot call it from
 * his webapp session (403). Screenshots: {@code target/e2e-screenshots/routing-backtest-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class RoutingBacktestBrowserTests {
    /** Change 3 of issue 11: trade-show leads of 5万–20万 in the South go to chenjing. */
    static final String NEW_ROW = "<rule id=\"Rule_TradeShowMidSouth\">"
            + "<description>展会中额华南：优先陈静 Trade show mid, South: prefer Chen Jing</description>"
            + "<inputEntry id=\"UnaryTests_T1\"><text>\"TRADE_SHOW_QR\"</text></inputEntry>"
            + "<inputEntry id=\"UnaryTests_T2\"><text>\"MID\"</text></inputEntry>"
            + "<inputEntry id=\"UnaryTests_T3\"><text>\"SOUTH\"</text></inputEntry>"
            + "<outputEntry id=\"LiteralExpression_T1\"><text>\"展会中额华南 Trade show mid, South\"</text></outputEntry>"
            + "<outputEntry id=\"LiteralExpression_T2\"><text>\"SOUTH\"</text></outputEntry>"
            + "<outputEntry id=\"LiteralExpression_T3\"><text>\"chenjing\"</text></outputEntry>"
            + "</rule>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final By OPEN = By.cssSelector("a.leadtocash-routing-backtest-open");
    private static final By CHANGED_ROWS = By.cssSelector(".leadtocash-backtest-changes tbody tr[data-lead-id]");

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired LeadIntake intake;
    @Autowired TestRestTemplate rest;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @TempDir Path dir;

    @BeforeEach
    void reset() {
        data.reset();
        ProcessTests.moveClockTo(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    }

    @Test
    void directorSeesTheLeadsTheChangedTableWouldRouteElsewhereExactlyAsTheApiAnswers() throws Exception {
        Lead midSouth = receive("TRADE_SHOW_QR", "SOUTH", "100000");
        Lead otherMidSouth = receive("TRADE_SHOW_QR", "SOUTH", "150000");
        receive("WEBSITE_FORM", "SOUTH", "100000");
        receive("TRADE_SHOW_QR", "EAST", "100000");
        byte[] table = ModelerDeploy.editText("bpmn/lead-routing.dmn", "<rule id=\"Rule_MidBudgetSouth\">",
                NEW_ROW + "<rule id=\"Rule_MidBudgetSouth\">");
        Path file = Files.write(dir.resolve("lead-routing.dmn"), table);

        JsonNode api = JSON.readTree(post("wanglei", table, 30).getBody());
        List<String> apiChanged = api.path("changed").findValuesAsText("leadId");
        assertThat(apiChanged).as("the API's answer for this file").containsExactlyInAnyOrder(midSouth.id(), otherMidSouth.id());

        Browser browser = browsers.open("http://localhost:" + port);
        browser.loginTo("cockpit", "wanglei", "wanglei");
        browser.clickable(OPEN).click();
        browser.until("the routing backtest page", d -> d.getCurrentUrl().contains("#/routing-backtest"));
        browser.visible(By.cssSelector(".leadtocash-backtest input[type=file]")).sendKeys(file.toAbsolutePath().toString());
        WebElement days = browser.visible(By.cssSelector(".leadtocash-backtest input[name=days]"));
        days.clear();
        days.sendKeys("30");
        browser.clickable(By.cssSelector(".leadtocash-backtest button[data-action=run-backtest]")).click();

        WebElement summary = browser.visible(By.cssSelector(".leadtocash-backtest-summary"));
        browser.visible(CHANGED_ROWS);
        List<String> shown = browser.driver().findElements(CHANGED_ROWS).stream().map(tr -> tr.getDomAttribute("data-lead-id")).toList();
        assertThat(shown).containsExactlyInAnyOrderElementsOf(apiChanged);
        assertThat(summary.getDomAttribute("data-changed-count")).isEqualTo(api.path("changedCount").asText()).isEqualTo("2");
        assertThat(browser.driver().findElements(By.cssSelector(".leadtocash-backtest-changes td[data-rule-after]")))
                .extracting(td -> td.getDomAttribute("data-rule-after")).containsOnly("Rule_TradeShowMidSouth");
        browser.screenshot("routing-backtest-1-director-changed-leads");

        byte[] juel = new String(table, StandardCharsets.UTF_8).replace("<inputExpression id=\"InputExpression_Region\" typeRef=\"string\">",
                "<inputExpression id=\"InputExpression_Region\" typeRef=\"string\" expressionLanguage=\"juel\">").getBytes(StandardCharsets.UTF_8);
        Path juelFile = Files.write(dir.resolve("lead-routing-juel.dmn"), juel);
        browser.visible(By.cssSelector(".leadtocash-backtest input[type=file]")).sendKeys(juelFile.toAbsolutePath().toString());
        browser.clickable(By.cssSelector(".leadtocash-backtest button[data-action=run-backtest]")).click();
        WebElement error = browser.visible(By.cssSelector(".leadtocash-backtest-error [data-field]"));
        assertThat(error.getDomAttribute("data-field") + ":" + error.getDomAttribute("data-rule")).isEqualTo("file:feel-only");
        assertThat(browser.driver().findElements(CHANGED_ROWS)).as("no result beside the error").isEmpty();
        browser.screenshot("routing-backtest-2-director-juel-refused");
    }

    @Test
    void aRepCannotCallTheBacktestFromHisWebappSession() {
        Browser browser = browsers.open("http://localhost:" + port);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");

        Object limits = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/routing/backtest/limits', {credentials: 'same-origin', headers: {'X-Requested-With': 'XMLHttpRequest'}})"
                        + ".then(r => done(r.status), e => done(String(e)));");
        Object run = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const c = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith('XSRF-TOKEN='));"
                        + "const form = new FormData(); form.append('file', new Blob([arguments[0]], {type: 'application/xml'}), 'lead-routing.dmn');"
                        + "fetch('/api/routing/backtest?days=30', {method: 'POST', body: form, credentials: 'same-origin',"
                        + " headers: {'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': c ? decodeURIComponent(c.substring(11)) : ''}})"
                        + ".then(r => done(r.status), e => done(String(e)));",
                new String(ModelerDeploy.shipped("bpmn/lead-routing.dmn"), StandardCharsets.UTF_8));

        assertThat(limits).isEqualTo(403L);
        assertThat(run).isEqualTo(403L);
        browser.screenshot("routing-backtest-3-rep-refused");
    }

    private Lead receive(String source, String region, String budget) {
        return intake.receive(TestData.leadBody(source, region, budget), LeadSource.valueOf(source)).lead();
    }

    private ResponseEntity<String> post(String user, byte[] dmn, int days) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_XML);
        ResponseEntity<String> response = rest.withBasicAuth(user, user).exchange("/api/routing/backtest?days=" + days, HttpMethod.POST,
                new HttpEntity<>(dmn, h), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return response;
    }
}
