package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Legal publishes a product's own 技术协议 from the Tasklist start form "发布条款版本 Publish clause version" where she
 * works: clause type from the list, the product model, the effective date and the text. The test checks the stored
 * version row (type, product, date, text, publisher), not the widgets' formatting. Screenshots:
 * {@code target/e2e-screenshots/clause-publish-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class ClausePublishBrowserTests {
    private static final String TEXT = "JM-200专用技术协议：型腔精度±0.01mm，试模三次内交付合格样件。";

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    @AfterEach
    void clean() {
        data.reset();
        jdbc.sql("DELETE FROM clause_version WHERE product_model IS NOT NULL").update();
    }

    @Test
    void legalPublishesAProductsOwnClauseTextFromTheTasklistStartForm() {
        LocalDate effective = TestData.today().plusDays(3);
        Browser browser = browsers.open("http://localhost:" + port);
        browser.loginTo("tasklist", "zhoujie", "zhoujie");
        StartForms.open(browser, "发布条款版本 Publish clause version", StartForms.textarea("clauseText"));
        browser.screenshot("clause-publish-1-start-form");
        CatalogueForms.publishFilled(browser, "技术协议", "JM-200", effective, TEXT);
        browser.screenshot("clause-publish-2-filled");

        StartForms.start(browser);
        browser.until("the version row", d -> count() == 1);
        browser.screenshot("clause-publish-3-published");

        Map<String, Object> row = jdbc.sql("SELECT type_code, product_model, effective_date, clause_text, published_by "
                        + "FROM clause_version WHERE product_model IS NOT NULL")
                .query((rs, n) -> Map.<String, Object>of("type", rs.getString(1), "product", rs.getString(2),
                        "effective", rs.getDate(3).toLocalDate(), "text", rs.getString(4), "by", rs.getString(5)))
                .single();
        assertThat(row).containsEntry("type", "TECHNICAL_AGREEMENT").containsEntry("product", "JM-200")
                .containsEntry("effective", effective).containsEntry("text", TEXT).containsEntry("by", "zhoujie");
    }

    private int count() {
        return jdbc.sql("SELECT COUNT(*) FROM clause_version WHERE product_model IS NOT NULL").query(Integer.class).single();
    }
}
