package org.leadtocash.e2e;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The browsers of one browser test: {@code @RegisterExtension final Browsers browsers = new Browsers();}, then
 * {@code browsers.open(url)}. When a step fails it keeps a screenshot and the HTML of each open page
 * ({@code target/e2e-screenshots/<test>-FAILED.*}); after each test it closes them.
 */
final class Browsers implements TestExecutionExceptionHandler, AfterEachCallback {
    private final List<Browser> open = new ArrayList<>();

    /** A desktop-sized browser (1400×1000). */
    Browser open(String baseUrl) {
        return keep(new Browser(baseUrl));
    }

    /** A phone-sized browser (390×844, mobile emulation). */
    Browser phone(String baseUrl) {
        return keep(Browser.phone(baseUrl));
    }

    private Browser keep(Browser browser) {
        open.add(browser);
        return browser;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String test = context.getRequiredTestMethod().getName()
                + (context.getDisplayName().startsWith(context.getRequiredTestMethod().getName()) ? "" : "-" + context.getDisplayName());
        for (int i = 0; i < open.size(); i++) {
            open.get(i).keepFailure(open.size() == 1 ? test : test + "-" + (i + 1));
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(Browser::close);
        open.clear();
    }
}
