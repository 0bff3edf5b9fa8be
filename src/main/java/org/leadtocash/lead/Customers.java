package org.leadtocash.lead;

import java.util.UUID;

import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customer records for set-up and migration (e.g. importing an existing book of customers with their owners). */
@Service
public class Customers {
    private final LeadRepository leads;
    private final EngineClock clock;

    public Customers(LeadRepository leads, EngineClock clock) {
        this.leads = leads;
        this.clock = clock;
    }

    /** Finds or creates the customer by credit code and makes the rep its owner if it has none (R-06: one owner). */
    @Transactional
    public Customer ensureOwned(String creditCode, String companyName, String ownerId) {
        String problem = CreditCode.problem(creditCode);
        if (problem != null) {
            throw new InvalidInputException("creditCode", "GB 32100-2015", problem);
        }
        Customer customer = leads.findCustomerByCreditCode(creditCode).orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            leads.insertCustomer(id, creditCode, companyName, clock.now());
            return leads.findCustomer(id).orElseThrow();
        });
        leads.claimOwnership(customer.id(), ownerId, clock.now());
        return leads.findCustomer(customer.id()).orElseThrow();
    }
}
