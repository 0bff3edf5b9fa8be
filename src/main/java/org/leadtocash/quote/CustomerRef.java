package org.leadtocash.quote;

import org.leadtocash.lead.Customer;

/** The customer a quote, contract or invoice request is made out to: id, company name, unified social credit code. */
record CustomerRef(String id, String name, String creditCode) {

    static CustomerRef of(Customer customer) {
        return new CustomerRef(customer.id(), customer.companyName(), customer.creditCode());
    }
}
