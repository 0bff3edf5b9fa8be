package org.leadtocash.lead;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.FormDates;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rep's first-contact outcome: reached makes the rep the customer's owner if it has none;
 * not reached counts an attempt; invalid closes the lead with a reason. The promised next follow-up date is kept
 * for the overdue-follow-up ratio; reaching the customer publishes {@link CustomerReached}, which starts its follow-up cadence.
 */
@Service
class LeadFollowUp {
    static final int MAX_NOTES = 2000;
    static final int MAX_REASON = 500;

    private final LeadRepository leads;
    private final StaffRepository staff;
    private final EngineClock clock;
    private final ApplicationEventPublisher events;

    public LeadFollowUp(LeadRepository leads, StaffRepository staff, EngineClock clock, ApplicationEventPublisher events) {
        this.leads = leads;
        this.staff = staff;
        this.clock = clock;
        this.events = events;
    }

    /** A validated contact attempt. */
    public record ContactAttempt(ContactOutcome outcome, String notes, LocalDate nextFollowUpDate, String invalidReason) {
    }

    /** Validates the form fields; every broken rule is reported. */
    public ContactAttempt validate(Object outcome, Object notes, Object nextFollowUp, Object invalidReason) {
        List<FieldError> errors = new ArrayList<>();
        ContactOutcome o = null;
        if (outcome == null || outcome.toString().isBlank()) {
            errors.add(new FieldError("contactOutcome", "required", "请选择联系结果 choose an outcome"));
        } else {
            try {
                o = ContactOutcome.valueOf(outcome.toString());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("contactOutcome", "one-of", "must be one of REACHED, NOT_REACHED, INVALID"));
            }
        }
        String n = notes == null ? null : notes.toString().strip();
        if (n != null && n.length() > MAX_NOTES) {
            errors.add(new FieldError("contactNotes", "max-length", "must be at most " + MAX_NOTES + " characters"));
        }
        LocalDate next = null;
        if (nextFollowUp != null && !nextFollowUp.toString().isBlank()) {
            next = parseDate(nextFollowUp, clock.zone(), errors);
            if (next != null && next.isBefore(clock.today())) {
                errors.add(new FieldError("nextFollowUpDate", "not-in-past", "下次跟进日期不能早于今天 must be today or later"));
            }
        } else if (o == ContactOutcome.REACHED || o == ContactOutcome.NOT_REACHED) {
            errors.add(new FieldError("nextFollowUpDate", "required",
                    "请填写下次跟进日期 a promised next follow-up date is required unless the lead is invalid"));
        }
        String reason = invalidReason == null ? null : invalidReason.toString().strip();
        if (o == ContactOutcome.INVALID && (reason == null || reason.isEmpty())) {
            errors.add(new FieldError("invalidReason", "required", "请填写无效原因 a reason is required for an invalid lead"));
        }
        if (reason != null && reason.length() > MAX_REASON) {
            errors.add(new FieldError("invalidReason", "max-length", "must be at most " + MAX_REASON + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ContactAttempt(o, n == null || n.isEmpty() ? null : n, next, o == ContactOutcome.INVALID ? reason : null);
    }

    @Transactional
    public void record(String leadId, String repId, ContactAttempt attempt) {
        Lead lead = leads.find(leadId).orElseThrow(() -> new IllegalStateException("lead " + leadId + " does not exist"));
        LeadRepository.Holding before = leads.lockHolding(leadId);
        Instant now = clock.now();
        leads.recordAttempt(leadId, now, attempt.notes(), attempt.nextFollowUpDate());
        switch (attempt.outcome()) {
            case REACHED -> {
                leads.markContacted(leadId, before, now);
                staff.leadMoved(before, LeadStatus.CONTACTED, before.assignee(), null);
                leads.claimOwnership(lead.customerId(), repId, now);
                Customer customer = leads.findCustomer(lead.customerId()).orElseThrow();
                events.publishEvent(new CustomerReached(customer.id(), customer.companyName(), customer.ownerId(), repId,
                        leadId, now, attempt.nextFollowUpDate(), attempt.notes()));
            }
            case INVALID -> {
                leads.markInvalid(leadId, before, attempt.invalidReason());
                staff.leadMoved(before, LeadStatus.INVALID, before.assignee(), null);
            }
            case NOT_REACHED -> {
                // stays ASSIGNED: the timers keep running and the task comes back
            }
        }
        events.publishEvent(new ContactAttemptRecorded(leadId, lead.customerId(), repId, attempt.outcome().name(), now));
    }

    private static LocalDate parseDate(Object value, java.time.ZoneId zone, List<FieldError> errors) {
        try {
            return FormDates.parse(value, zone);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("nextFollowUpDate", "date", "must be a date like 2026-12-01"));
            return null;
        }
    }
}
