package org.leadtocash.quote;

import org.leadtocash.lead.Customer;
import org.leadtocash.lead.CustomerRecord;

/** The customer a quote, contract or invoice request is made out to: id, company name, unified social credit code. */
record CustomerRef(String id, String name, String creditCode) {

    static CustomerRef of(Customer customer) {
        return new CustomerRef(customer.id(), customer.companyName(), customer.creditCode());
    }

    static CustomerRef of(CustomerRecord customer) {
        return new CustomerRef(customer.id(), customer.licence().companyName(), customer.licence().creditCode());
    }
}
