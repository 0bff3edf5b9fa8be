package org.leadtocash.e2e;

import static org.leadtocash.e2e.StartForms.field;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openqa.selenium.By;

/**
 * The catalogue's Tasklist start forms as a director and legal fill them: 维护产品目录 (a product), 维护条款类型 (a clause
 * type and the products that require it) and 发布条款版本 (a clause text, per product or for all). Each opens the form
 * from Tasklist's header, types until every field keeps its text and presses Start, unless said otherwise.
 */
final class CatalogueForms {
    static final String PRODUCT_PROCESS = "维护产品目录";
    static final String CLAUSE_TYPE_PROCESS = "维护条款类型";
    static final String PUBLISH_PROCESS = "发布条款版本";

    private CatalogueForms() {
    }

    /** A product: model, name, tax-inclusive unit price and the VAT option whose label contains {@code vatLabel}. */
    static void product(Browser browser, String model, String name, String unitPrice, String vatLabel) {
        StartForms.open(browser, PRODUCT_PROCESS, field("model"));
        Map<By, String> typed = new LinkedHashMap<>();
        typed.put(field("model"), model);
        typed.put(field("name"), name);
        typed.put(field("unitPriceCny"), unitPrice);
        typed.forEach((by, text) -> StartForms.type(browser, by, text));
        StartForms.select(browser, "vatRate", vatLabel);
        StartForms.keepTyped(browser, typed);
        StartForms.start(browser);
    }

    /**
     * A clause type (code, name) and the products, separated by commas, added to those that require it; its flags (locked,
     * on every quote, active) keep their value.
     */
    static void clauseType(Browser browser, String code, String name, String requiredFor) {
        StartForms.open(browser, CLAUSE_TYPE_PROCESS, field("code"));
        Map<By, String> typed = new LinkedHashMap<>();
        typed.put(field("code"), code);
        typed.put(field("name"), name);
        typed.put(field("requiredForAdd"), requiredFor);
        typed.forEach((by, text) -> StartForms.type(browser, by, text));
        StartForms.keepTyped(browser, typed);
        StartForms.start(browser);
    }

    /** Opens 发布条款版本, publishes the text of the clause type whose label contains {@code typeLabel}. */
    static void publish(Browser browser, String typeLabel, String productModel, LocalDate effective, String text) {
        StartForms.open(browser, PUBLISH_PROCESS, StartForms.textarea("clauseText"));
        publishFilled(browser, typeLabel, productModel, effective, text);
        StartForms.start(browser);
    }

    /** Fills the open 发布条款版本 form (product model null: for every product) without starting it. */
    static void publishFilled(Browser browser, String typeLabel, String productModel, LocalDate effective, String text) {
        StartForms.select(browser, "clauseType", typeLabel);
        Map<By, String> typed = new LinkedHashMap<>();
        if (productModel != null) {
            typed.put(field("productModel"), productModel);
        }
        typed.forEach((by, value) -> StartForms.type(browser, by, value));
        StartForms.date(browser, "effectiveDate", effective);
        StartForms.type(browser, StartForms.textarea("clauseText"), text);
        typed.put(StartForms.textarea("clauseText"), text);
        StartForms.keepTyped(browser, typed);
    }
}
