package org.leadtocash.quote;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A document made out to a customer (quote, contract, invoice request): it keeps a {@link CustomerRef} and shows the
 * API the flat fields {@code customerId}, {@code customerName} and {@code customerCreditCode}.
 */
interface MadeOutToCustomer {
    CustomerRef customer();

    @JsonProperty
    default String customerId() {
        return customer().id();
    }

    @JsonProperty
    default String customerName() {
        return customer().name();
    }

    @JsonProperty
    default String customerCreditCode() {
        return customer().creditCode();
    }
}
