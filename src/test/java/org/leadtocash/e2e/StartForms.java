package org.leadtocash.e2e;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Tasklist's start dialog and the Camunda Forms (form-js) in it, as a user fills them: open a process's start form from
 * the header, type into fields until they keep the text, pick from a select, type a date in the picker's format (or
 * the phone's native date input), and press Start. Shared by the browser tests that start processes in Tasklist.
 */
final class StartForms {
    static final By START_PROCESS = By.xpath("//a[@ng-click='open()'][contains(normalize-space(.), '"
            + WebappLabels.zh("tasklist", "START_PROCESS") + "')]");
    static final By START = By.cssSelector("button[ng-click='startProcessInstance()']");

    private StartForms() {
    }

    /** A form-js input by its field key. */
    static By field(String key) {
        return By.cssSelector("input[id$='-Field_" + key + "']");
    }

    /** A form-js text area by its field key. */
    static By textarea(String key) {
        return By.cssSelector("textarea[id$='-Field_" + key + "']");
    }

    /**
     * Opens the start form of the process named {@code processName} from Tasklist's header (behind the menu button on a
     * phone) and waits until {@code ready} is on the page. The dialog fades in: a click during its animation can be
     * lost, so the process is clicked until the form is there.
     */
    static void open(Browser browser, String processName, By ready) {
        By process = By.xpath("//ul[contains(@class,'processes')]//a[contains(normalize-space(.), '" + processName + "')]");
        if (browser.driver().findElements(START_PROCESS).stream().noneMatch(WebElement::isDisplayed)) {
            browser.clickable(By.cssSelector("button.navbar-toggle")).click();
        }
        browser.clickable(START_PROCESS).click();
        browser.clickable(process);
        browser.until("the start form of " + processName, d -> {
            if (!d.findElements(ready).isEmpty()) {
                return true;
            }
            d.findElements(process).stream().filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
            return false;
        });
    }

    /** Presses Start in the start dialog. */
    static void start(Browser browser) {
        browser.clickable(START).click();
    }

    /** Types until the field holds the text: form-js may re-render a field while the one before it commits. */
    static void type(Browser browser, By by, String text) {
        browser.visible(by);
        browser.until(by + " to hold '" + text + "'", d -> {
            WebElement field = d.findElement(by);
            if (!text.equals(Browser.value(field))) {
                field.clear();
                field.sendKeys(text);
            }
            return text.equals(Browser.value(field));
        });
    }

    /**
     * form-js keeps a typed value after a short debounce; a field typed just before another field (or a date) commits
     * can lose its text when the form re-renders from its state. So every text field is checked until all of them hold
     * what was typed twice in a row, half a second apart, typing again any that lost its text.
     */
    static void keepTyped(Browser browser, Map<By, String> typed) {
        browser.until("every field to keep what was typed", d -> {
            if (!allHold(d, typed)) {
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return allHold(d, typed);
        });
    }

    /** True when every field holds its text; types again into each one that does not. */
    private static boolean allHold(WebDriver d, Map<By, String> fields) {
        boolean all = true;
        for (Map.Entry<By, String> f : fields.entrySet()) {
            WebElement field = d.findElement(f.getKey());
            if (!f.getValue().equals(Browser.value(field))) {
                field.clear();
                field.sendKeys(f.getValue());
                all = false;
            }
        }
        return all;
    }

    /** Picks the option whose label contains the text from a form-js select. */
    static void select(Browser browser, String key, String optionText) {
        browser.clickable(By.cssSelector("[id$='-Field_" + key + "-display']")).click();
        browser.clickable(By.xpath("//*[contains(@class, 'fjs-dropdownlist-item')][contains(normalize-space(.), '" + optionText + "')]"))
                .click();
    }

    /**
     * The form-js date picker takes dates typed in its placeholder's format and commits on blur. On a phone its
     * picker (flatpickr) hides that field behind the device's native date input, which takes an ISO value.
     */
    static void date(Browser browser, String key, LocalDate date) {
        By typed = By.cssSelector("input[id$='-Field_" + key + "-date']");
        WebElement input = browser.until("the " + key + " field", d -> d.findElements(typed).stream().findFirst().orElse(null));
        if (!input.isDisplayed()) {
            WebElement nativeInput = browser.visible(By.xpath("//input[substring(@id, string-length(@id) - string-length('-Field_"
                    + key + "-date') + 1) = '-Field_" + key + "-date']/following-sibling::input[contains(@class,'flatpickr-mobile')]"));
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];"
                    + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                    + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", nativeInput, date.toString());
            browser.until("the " + key + " field to keep a date", d -> !Browser.value(input).isBlank());
            return;
        }
        String placeholder = input.getDomAttribute("placeholder");
        input.sendKeys(date.format(DateTimeFormatter.ofPattern(
                (placeholder == null || placeholder.isBlank() ? "mm/dd/yyyy" : placeholder).replace("mm", "MM"), Locale.ROOT)));
        input.sendKeys(Keys.TAB);
        browser.until("the " + key + " field to keep a date", d -> !Browser.value(input).isBlank());
    }

    /** What the page's session gets for a link: {@code "<status> <content type> <first 5 bytes>"}, e.g. a PDF's. */
    static String fetchWithSession(Browser browser, String href) {
        return (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'})"
                        + ".then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type') + ' '"
                        + " + String.fromCharCode(...new Uint8Array(b.slice(0, 5))))))"
                        + ".catch(e => done('failed ' + e));", href);
    }
}
