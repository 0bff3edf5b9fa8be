package org.leadtocash.lead;

import java.util.List;

import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Reads leads and customers with R-06 visibility: a rep sees leads assigned to him and customers he owns (and
 * their leads); managers, directors and admins see all. What a rep may not see answers 404, as if it did not exist.
 */
@Service
public class LeadQueries {
    static final int MAX_LIMIT = 500;
    private final LeadRepository leads;

    public LeadQueries(LeadRepository leads) {
        this.leads = leads;
    }

    /** @param viewer the user, or null for one who sees everything */
    public Lead lead(String id, String viewer) {
        Lead lead = leads.find(id).orElseThrow(() -> new NotFoundException("lead " + id + " not found"));
        if (viewer != null && !viewer.equals(lead.assignee())
                && leads.findCustomer(lead.customerId()).map(c -> !viewer.equals(c.ownerId())).orElse(true)) {
            throw new NotFoundException("lead " + id + " not found");
        }
        return lead;
    }

    public List<Lead> leads(String viewer, LeadStatus status, int limit) {
        return leads.list(viewer, status, checkLimit(limit));
    }

    public Customer customer(String id, String viewer) {
        Customer customer = leads.findCustomer(id).orElseThrow(() -> new NotFoundException("customer " + id + " not found"));
        if (viewer != null && !viewer.equals(customer.ownerId())) {
            throw new NotFoundException("customer " + id + " not found");
        }
        return customer;
    }

    public List<Customer> customers(String viewer, int limit) {
        return leads.customers(viewer, checkLimit(limit));
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "range", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
