package org.leadtocash.e2e;

import static org.leadtocash.e2e.StartForms.field;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openqa.selenium.By;

/**
 * The start form of 报价到开票 with 新客户 New customer ticked: the business licence, the store tier and one
 * product line, typed as a rep does, every text field checked until it keeps its text. Shared by the new-customer quote
 * and first-install browser tests.
 */
record NewCustomerQuoteForm(String creditCode, String companyName, String companyType, String legalRepresentative,
                            String registeredCapital, LocalDate establishedOn, String storeTier, String address, String businessScope,
                            String productModel, String quantity, LocalDate deliveryDate) {

    /** Opens the start form from Tasklist's header, fills it and leaves it ready to start. */
    void fill(Browser browser) {
        StartForms.open(browser, "报价到开票", field("newCustomer"));
        browser.clickable(field("newCustomer")).click();
        Map<By, String> typed = new LinkedHashMap<>();
        typed.put(field("creditCode"), creditCode);
        typed.put(field("companyName"), companyName);
        typed.put(field("companyType"), companyType);
        typed.put(field("legalRepresentative"), legalRepresentative);
        typed.put(field("registeredCapital"), registeredCapital);
        typed.forEach((by, text) -> StartForms.type(browser, by, text));
        StartForms.date(browser, "establishedOn", establishedOn);
        Map<By, String> more = new LinkedHashMap<>();
        more.put(field("storeTier"), storeTier);
        more.put(field("registeredAddress"), address);
        more.put(StartForms.textarea("businessScope"), businessScope);
        more.put(field("productModel"), productModel);
        more.put(field("quantity"), quantity);
        more.forEach((by, text) -> StartForms.type(browser, by, text));
        StartForms.date(browser, "deliveryDate", deliveryDate);
        typed.putAll(more);
        StartForms.keepTyped(browser, typed);
    }
}
