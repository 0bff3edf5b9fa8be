package org.leadtocash.e2e;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Camunda Admin's "销售团队 Sales team" page as its users work it: signed in, opened from the Admin dashboard, the team
 * loaded from a CSV file (with the initial passwords the report shows once), a customer found and given to another rep.
 * Shared by the browser tests of the team, the owner transfer and the first install.
 */
final class SalesTeamPage {
    static final By MEMBERS = By.cssSelector(".leadtocash-team-members");
    private final Browser browser;

    private SalesTeamPage(Browser browser) {
        this.browser = browser;
    }

    /** Signs the user into Admin (by its engine path) and opens the page from the dashboard's link. */
    static SalesTeamPage open(Browser browser, String engine, String user, String password) {
        browser.open("/camunda/app/admin/" + engine + "/");
        browser.until("the admin login form", d -> d.getCurrentUrl().contains("#/login"));
        browser.visible(By.cssSelector("form[name=signinForm] input[ng-model=username]")).sendKeys(user);
        browser.visible(By.cssSelector("form[name=signinForm] input[ng-model=password]")).sendKeys(password);
        browser.clickable(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
        return fromDashboard(browser);
    }

    /** Opens the page from the Admin dashboard of a signed-in user. */
    static SalesTeamPage fromDashboard(Browser browser) {
        browser.clickable(By.cssSelector("a.leadtocash-sales-team-link")).click();
        browser.visible(MEMBERS);
        return new SalesTeamPage(browser);
    }

    /** Uploads the CSV file; returns each created or changed member's initial password, as the report shows it. */
    Map<String, String> importCsv(Path csv) {
        browser.driver().findElement(By.cssSelector("form.leadtocash-team-import input[type=file]")).sendKeys(csv.toAbsolutePath().toString());
        browser.clickable(By.cssSelector("[data-action='import']")).click();
        browser.visible(By.cssSelector(".leadtocash-team-import-report[data-stored='true']"));
        Map<String, String> passwords = new LinkedHashMap<>();
        for (WebElement line : browser.driver().findElements(By.cssSelector(".leadtocash-team-import-report tbody tr"))) {
            List<WebElement> cells = line.findElements(By.tagName("td"));
            List<WebElement> password = cells.get(4).findElements(By.tagName("code"));
            if (!password.isEmpty()) {
                passwords.put(cells.get(1).getText().strip(), password.get(0).getText().strip());
            }
        }
        return passwords;
    }

    /** How many lines of the last import report have this outcome ({@code created}, {@code changed}, …). */
    int importedLines(String outcome) {
        return browser.driver().findElements(By.cssSelector(".leadtocash-team-import-report tr[data-outcome='" + outcome + "']")).size();
    }

    /** Searches the customers by name or credit code and opens the transfer form of the one with this credit code. */
    WebElement pickCustomer(String search, String creditCode) {
        WebElement q = browser.visible(By.cssSelector("form.leadtocash-owner-search input[name=q]"));
        q.clear();
        q.sendKeys(search);
        browser.clickable(By.cssSelector("[data-action='search-customers']")).click();
        browser.clickable(By.cssSelector(".leadtocash-owner-customers tr[data-credit-code='" + creditCode + "'] [data-action='pick-customer']"))
                .click();
        return browser.visible(By.cssSelector("form[data-form='transfer']"));
    }

    /** Fills the open transfer form (an empty owner or reason is left empty) and confirms. */
    void transfer(String ownerId, String reason) {
        WebElement form = browser.visible(By.cssSelector("form[data-form='transfer']"));
        new Select(form.findElement(By.name("ownerId"))).selectByValue(ownerId == null ? "" : ownerId);
        WebElement why = form.findElement(By.name("reason"));
        why.clear();
        if (reason != null) {
            why.sendKeys(reason);
        }
        form.findElement(By.cssSelector("[data-action='confirm-transfer']")).click();
    }

    /** The fields and rules the last refused transfer names, as {@code field:rule}. */
    List<String> transferErrors() {
        browser.visible(By.cssSelector("form[data-form='transfer'] [data-outcome='refused'] li[data-field]"));
        return browser.driver().findElements(By.cssSelector("form[data-form='transfer'] [data-outcome='refused'] li[data-field]")).stream()
                .map(li -> li.getDomAttribute("data-field") + ":" + li.getDomAttribute("data-rule")).toList();
    }
}
