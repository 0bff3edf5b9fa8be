package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.shared.Groups;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "销售团队 Sales team" in Camunda Admin: limin (sales manager) opens it from the Admin dashboard, adds a rep with the
 * form (his initial password is shown once and logs in), then loads two more reps from a 2-line CSV file; the stored
 * roster rows and Camunda group memberships are asserted. He also gives a customer, found by name, to another rep with a
 * reason: the stored owner and history row are asserted, and a rep's session is refused by the same API.
 * Screenshots: {@code target/e2e-screenshots/team-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class SalesTeamBrowserTests {
    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired IdentityService identityService;
    @Autowired JdbcClient jdbc;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
        deleteTestUsers();
    }

    @AfterEach
    void cleanUp() {
        deleteTestUsers();
    }

    @Test
    void managerAddsARepAndImportsTwoFromCsvInCamundaAdmin() throws Exception {
        Browser browser = browsers.open("http://localhost:" + port);
        // Admin is opened by its engine path (as ChineseWebappsBrowserTests does), then limin signs in on its login form
        SalesTeamPage page = SalesTeamPage.open(browser, "default", "limin", "limin");
        browser.visible(By.cssSelector(".leadtocash-team-members tr[data-member='zhangwei']"));
        browser.screenshot("team-1-limin-roster");

        WebElement form = browser.visible(By.cssSelector("form[data-form='add']"));
        form.findElement(By.name("userId")).sendKeys("testweb1");
        form.findElement(By.name("displayName")).sendKeys("吴一 Wu Yi");
        new Select(form.findElement(By.name("region"))).selectByValue("EAST");
        form.findElement(By.name("mobile")).sendKeys("13800000401");
        form.findElement(By.name("managerId")).sendKeys("limin");
        form.findElement(By.cssSelector("[data-action='save-member']")).click();
        WebElement password = browser.visible(By.cssSelector("code[data-initial-password='testweb1']"));
        assertThat(identityService.checkPassword("testweb1", password.getText())).as("the password shown logs in").isTrue();
        browser.visible(By.cssSelector(".leadtocash-team-members tr[data-member='testweb1']"));
        browser.screenshot("team-2-rep-added");

        Path csv = Files.createTempFile("team-", ".csv");
        Files.writeString(csv, "userId,displayName,role,region,mobile,managerId,directorId\n"
                + "testweb2,吴二,REP,SOUTH,13800000402,limin,wanglei\n"
                + "testweb3,吴三,REP,NORTH,13800000403,limin,\n", StandardCharsets.UTF_8);
        try {
            page.importCsv(csv);
        } finally {
            Files.deleteIfExists(csv);
        }
        assertThat(page.importedLines("created")).isEqualTo(2);
        browser.visible(By.cssSelector(".leadtocash-team-members tr[data-member='testweb3']"));
        browser.screenshot("team-3-csv-imported");

        assertThat(jdbc.sql("SELECT user_id || '/' || display_name || '/' || region || '/' || mobile || '/' || manager_id || '/' || active "
                        + "FROM sales_staff WHERE user_id LIKE 'testweb%' ORDER BY user_id").query(String.class).list())
                .containsExactly("testweb1/吴一 Wu Yi/EAST/13800000401/limin/TRUE", "testweb2/吴二/SOUTH/13800000402/limin/TRUE",
                        "testweb3/吴三/NORTH/13800000403/limin/TRUE");
        for (String user : new String[] {"testweb1", "testweb2", "testweb3"}) {
            assertThat(identityService.createGroupQuery().groupMember(user).singleResult().getId()).isEqualTo(Groups.SALES_REP);
        }
    }

    @Test
    void managerGivesACustomerToAnotherRepWithAReasonAndSeesWhoOwnedItWhen() {
        String code = TestData.creditCode();
        data.owner(code, "杭州转移浏览器测试有限公司", "zhangwei");
        String customerId = jdbc.sql("SELECT id FROM customer WHERE credit_code = ?").param(code).query(String.class).single();
        Browser browser = browsers.open("http://localhost:" + port);
        SalesTeamPage page = SalesTeamPage.open(browser, "default", "limin", "limin");

        page.pickCustomer("转移浏览器测试", code);
        browser.screenshot("team-owner-1-customer-found");
        // no reason given: refused, naming the field; nothing changes
        page.transfer("lina", null);
        assertThat(page.transferErrors()).containsExactly("reason:required");
        show(browser, By.cssSelector("form[data-form='transfer'] [data-outcome='refused']"));
        assertThat(ownerOf(customerId)).isEqualTo("zhangwei");
        browser.screenshot("team-owner-2-reason-required");

        page.transfer("lina", "区域调整 territory change");
        browser.visible(By.cssSelector("form[data-form='transfer'] [data-outcome='transferred']"));
        show(browser, By.cssSelector(".leadtocash-owner-history tr[data-owner='lina'][data-previous-owner='zhangwei'][data-changed-by='limin']"));
        browser.screenshot("team-owner-3-transferred-with-history");

        assertThat(ownerOf(customerId)).isEqualTo("lina");
        assertThat(jdbc.sql("SELECT owner_id || '/' || previous_owner_id || '/' || changed_by || '/' || reason FROM customer_owner_history "
                + "WHERE customer_id = ? ORDER BY id").param(customerId).query(String.class).list())
                .containsExactly("lina/zhangwei/limin/区域调整 territory change");

        // a rep has no Admin and the team API refuses his own Tasklist session, reading and transferring alike
        Browser rep = browsers.open("http://localhost:" + port);
        rep.loginTo("tasklist", "zhangwei", "zhangwei");
        assertThat(fetchStatus(rep, "GET", "/api/team/customers?q=" + code)).isEqualTo(403);
        assertThat(fetchStatus(rep, "POST", "/api/team/customers/" + customerId + "/owner")).isEqualTo(403);
        assertThat(ownerOf(customerId)).isEqualTo("lina");
    }

    /** Waits for the element and scrolls it to the middle of the screen, for the screenshot. */
    private static void show(Browser browser, By by) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.visible(by));
    }

    /** The status of a request the page makes with its session and CSRF token, as the webapps' scripts do. */
    private static long fetchStatus(Browser browser, String method, String path) {
        return (Long) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const token = (document.cookie.match(/(?:^|;\\s*)XSRF-TOKEN=([^;]+)/) || [])[1] || '';"
                        + "fetch(arguments[1], {method: arguments[0], credentials: 'same-origin', headers: {'Content-Type': 'application/json',"
                        + " 'X-XSRF-TOKEN': decodeURIComponent(token)}, body: arguments[0] === 'GET' ? undefined"
                        + " : JSON.stringify({ownerId: 'zhangwei', reason: 'mine'})}).then(r => done(r.status)).catch(e => done(-1));",
                method, path);
    }

    private String ownerOf(String customerId) {
        return jdbc.sql("SELECT owner_id FROM customer WHERE id = ?").param(customerId).query(String.class).single();
    }

    private void deleteTestUsers() {
        identityService.createUserQuery().list().stream().filter(u -> u.getId().startsWith("test"))
                .forEach(u -> identityService.deleteUser(u.getId()));
    }
}
