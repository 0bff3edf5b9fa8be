package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Pages of our own and Camunda's that the first set-up goes through, as their users work them: 公司信息 Company profile
 * (Camunda Admin, opened from the dashboard), 客户导入 Import customers (Tasklist's header) and Camunda Admin's own
 * user and group pages. Shared by the company-profile, customer-import and first-install browser tests.
 */
final class AdminPages {
    private static final By CUSTOMER_IMPORT = By.cssSelector("a.leadtocash-customer-import-open");

    private AdminPages() {
    }

    /** From the Admin dashboard of a signed-in admin to the company profile form in the System section. */
    static WebElement companyProfileFromDashboard(Browser browser) {
        browser.clickable(By.cssSelector(".leadtocash-company-summary[data-loaded] a.leadtocash-company-edit")).click();
        return browser.visible(By.cssSelector(".leadtocash-company[data-loaded] form.leadtocash-company-form"));
    }

    /** Types the text into the company profile field and checks that the field took it. */
    static void typeCompanyField(WebElement form, String field, String text) {
        WebElement input = form.findElement(By.name(field));
        input.clear();
        input.sendKeys(text);
        assertThat(Browser.value(input)).as(field).isEqualTo(text);
    }

    /** Fills the company profile form with the values by field name, saves and waits until it is stored complete. */
    static void saveCompleteProfile(Browser browser, Map<String, String> values) {
        WebElement form = browser.visible(By.cssSelector("form.leadtocash-company-form"));
        values.forEach((field, value) -> typeCompanyField(form, field, value));
        browser.clickable(By.cssSelector("button.leadtocash-company-save")).click();
        browser.visible(By.cssSelector(".leadtocash-company [data-saved]"));
        browser.visible(By.cssSelector(".leadtocash-company [data-complete=true]"));
    }

    /** Opens 客户导入 from Tasklist's header (behind the menu button on a phone) and uploads the CSV file. */
    static void importCustomers(Browser browser, Path csv) {
        if (browser.driver().findElements(CUSTOMER_IMPORT).stream().noneMatch(WebElement::isDisplayed)) {
            browser.clickable(By.cssSelector("button.navbar-toggle")).click();
        }
        browser.clickable(CUSTOMER_IMPORT).click();
        browser.visible(By.cssSelector(".leadtocash-customer-import-panel input[type=file]")).sendKeys(csv.toAbsolutePath().toString());
        browser.clickable(By.cssSelector(".leadtocash-customer-import-panel button[data-action=import]")).click();
    }

    /** Camunda Admin → 用户 Users → create: a user with a password, as the admin creates legal, finance or marketing. */
    static void createUser(Browser browser, String engine, String id, String firstName, String lastName, String email, String password) {
        browser.open("/camunda/app/admin/" + engine + "/#/user-create");
        WebElement form = browser.visible(By.cssSelector("form[name=createUserForm]"));
        type(browser, By.id("inputUserId"), id);
        for (WebElement secret : form.findElements(By.cssSelector("input[type=password]"))) {
            secret.clear();
            secret.sendKeys(password);
        }
        type(browser, By.id("inputFirstname"), firstName);
        type(browser, By.id("inputLastname"), lastName);
        type(browser, By.id("inputEmail"), email);
        browser.clickable(By.cssSelector("button[ng-click='createUser()']")).click();
        browser.until("the new user " + id, d -> !d.getCurrentUrl().contains("user-create"));
    }

    /** Camunda Admin → the user's 组 Groups tab → add to a group: ticks the group in the dialog and adds it. */
    static void addToGroup(Browser browser, String engine, String userId, String groupId) {
        browser.open("/camunda/app/admin/" + engine + "/#/users/" + userId + "?tab=groups");
        browser.clickable(By.cssSelector("a[ng-click='openCreateGroupMembershipDialog()']")).click();
        By box = By.xpath("//tr[.//td[contains(@class,'group-id')]/a[normalize-space(.)='" + groupId + "']]"
                + "//input[@type='checkbox']");
        browser.tick(box);
        browser.click(By.cssSelector("button[ng-click='createGroupMemberships()']"));
        browser.click(By.cssSelector("button[ng-click='close(status)']"));
    }

    private static void type(Browser browser, By by, String text) {
        WebElement field = browser.visible(by);
        field.clear();
        field.sendKeys(text);
        assertThat(Browser.value(field)).isEqualTo(text);
    }
}
