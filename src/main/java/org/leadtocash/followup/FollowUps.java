package org.leadtocash.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.leadtocash.followup.CustomerFollowUpProcess.Vars;
import org.leadtocash.lead.CustomerReached;
import org.leadtocash.shared.EngineAsSystem;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.FormDates;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The follow-up cadence's records: a reached customer enters it (its process starts), every contact stores its
 * outcome and the next promise and moves the customer's process on, the process marks a customer lost. A contact recorded
 * outside the Tasklist task (API) correlates {@link CustomerFollowUpProcess#MESSAGE_CONTACT_RECORDED}; for a lost customer
 * it starts a new instance ({@link CustomerFollowUpProcess#MESSAGE_CUSTOMER_WON_BACK}). Engine calls run without the
 * caller's authorizations: who may record is decided here (the owner, or an overseer).
 */
@Service
class FollowUps {
    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);
    static final int MAX_NOTES = 2000;
    static final String VIA_LEAD = "LEAD";
    static final String VIA_TASK = "TASK";
    static final String VIA_API = "API";

    private final FollowUpRepository repository;
    private final RuntimeService runtimeService;
    private final EngineAsSystem engine;
    private final EngineClock clock;

    FollowUps(FollowUpRepository repository, RuntimeService runtimeService, EngineAsSystem engine, EngineClock clock) {
        this.repository = repository;
        this.runtimeService = runtimeService;
        this.engine = engine;
        this.clock = clock;
    }

    /** A validated contact. */
    record Contact(FollowUpOutcome outcome, String notes, LocalDate nextFollowUpDate) {
    }

    /** Validates the form or API fields; every broken rule is reported. */
    Contact validate(Object outcome, Object notes, Object nextFollowUp) {
        List<FieldError> errors = new ArrayList<>();
        FollowUpOutcome o = null;
        if (outcome == null || outcome.toString().isBlank()) {
            errors.add(new FieldError(Vars.FOLLOW_UP_OUTCOME, "required", "请选择跟进结果 choose an outcome"));
        } else {
            try {
                o = FollowUpOutcome.valueOf(outcome.toString().strip());
            } catch (IllegalArgumentException e) {
                o = null;
            }
            if (o == null || o == FollowUpOutcome.FIRST_CONTACT) {
                errors.add(new FieldError(Vars.FOLLOW_UP_OUTCOME, "one-of",
                        "跟进结果须为 must be one of INTERESTED, NEGOTIATING, NO_NEED_NOW, ORDERED"));
                o = null;
            }
        }
        String n = notes == null ? null : notes.toString().strip();
        if (n != null && n.length() > MAX_NOTES) {
            errors.add(new FieldError(Vars.FOLLOW_UP_NOTES, "max-length", "沟通记录最多" + MAX_NOTES + "字 must be at most "
                    + MAX_NOTES + " characters"));
        }
        LocalDate next = null;
        if (nextFollowUp == null || nextFollowUp.toString().isBlank()) {
            errors.add(new FieldError(Vars.NEXT_FOLLOW_UP_DATE, "required", "请填写下次跟进日期 the next promised follow-up date is required"));
        } else {
            try {
                next = FormDates.parse(nextFollowUp, clock.zone());
                if (next.isBefore(clock.today())) {
                    errors.add(new FieldError(Vars.NEXT_FOLLOW_UP_DATE, "not-in-past",
                            "下次跟进日期不能早于今天 must be today or later, was " + next));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(Vars.NEXT_FOLLOW_UP_DATE, "date", "须为日期，如 must be a date like 2027-01-15"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Contact(o, n == null || n.isEmpty() ? null : n, next);
    }

    /** First contact reached: the customer enters the cadence, or (already in it) the contact counts as a follow-up. */
    @EventListener
    @Transactional
    public void on(CustomerReached reached) {
        if (reached.nextFollowUpDate() == null || reached.ownerId() == null) {
            log.warn("customer {} reached without a promised date or owner; not in the follow-up cadence", reached.customerId());
            return;
        }
        Contact contact = new Contact(FollowUpOutcome.FIRST_CONTACT, reached.notes(), reached.nextFollowUpDate());
        if (repository.find(reached.customerId()).isPresent()) {
            recordOutsideTask(reached.customerId(), contact, VIA_LEAD, reached.reachedBy());
            return;
        }
        Instant now = clock.now();
        repository.insertCustomer(reached.customerId(), reached.companyName(), reached.ownerId(), now, contact.nextFollowUpDate());
        repository.insertContact(reached.customerId(), reached.ownerId(), now, contact.outcome(), contact.notes(),
                contact.nextFollowUpDate(), VIA_LEAD, reached.reachedBy());
        Map<String, Object> vars = variables(contact, now);
        vars.put(Vars.CUSTOMER_ID, reached.customerId());
        vars.put(Vars.COMPANY_NAME, reached.companyName());
        vars.put(Vars.REP_ID, reached.ownerId());
        engine.run(() -> runtimeService.startProcessInstanceByKey(CustomerFollowUpProcess.KEY, reached.customerId(), vars));
    }

    /**
     * A contact recorded through the API by the customer's owner (or an overseer), outside any task.
     *
     * @throws NotFoundException     the customer is not in the follow-up cadence
     * @throws AccessDeniedException the user neither owns the customer nor oversees sales
     */
    @Transactional
    public FollowUpContact recordByApi(String customerId, String userId, boolean overseer, Object outcome, Object notes,
                                       Object next) {
        FollowUpCustomer customer = repository.find(customerId)
                .orElseThrow(() -> new NotFoundException("customer " + customerId + " is not in the follow-up cadence"));
        if (!overseer && !customer.repId().equals(userId)) {
            throw new AccessDeniedException("只有客户负责人可记录跟进 only the customer's owner " + customer.repId()
                    + " or a sales manager may record a follow-up contact");
        }
        Contact contact = validate(outcome, notes, next);
        long id = recordOutsideTask(customerId, contact, VIA_API, userId);
        return repository.contacts(customerId).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    /** Records the contact and moves the customer's process: the waiting instance on, or a new one for a lost customer. */
    private long recordOutsideTask(String customerId, Contact contact, String via, String recordedBy) {
        FollowUpCustomer customer = repository.lock(customerId).orElseThrow();
        boolean wonBack = FollowUpCustomer.LOST.equals(customer.status());
        long id = record(customer, contact, via, recordedBy);
        Map<String, Object> vars = variables(contact, clock.now());
        engine.run(() -> {
            boolean running = runtimeService.createProcessInstanceQuery().processDefinitionKey(CustomerFollowUpProcess.KEY)
                    .processInstanceBusinessKey(customerId).count() > 0;
            if (wonBack || !running) {
                // lost: won back by this contact; active without an instance (e.g. deleted in Cockpit): the cadence restarts
                vars.put(Vars.CUSTOMER_ID, customerId);
                vars.put(Vars.COMPANY_NAME, customer.companyName());
                vars.put(Vars.REP_ID, customer.repId());
                if (wonBack) {
                    runtimeService.createMessageCorrelation(CustomerFollowUpProcess.MESSAGE_CUSTOMER_WON_BACK)
                            .processInstanceBusinessKey(customerId).setVariables(vars).correlateStartMessage();
                } else {
                    log.warn("customer {} is ACTIVE but has no running {}; starting one", customerId, CustomerFollowUpProcess.KEY);
                    runtimeService.startProcessInstanceByKey(CustomerFollowUpProcess.KEY, customerId, vars);
                }
            } else {
                runtimeService.createMessageCorrelation(CustomerFollowUpProcess.MESSAGE_CONTACT_RECORDED)
                        .processInstanceBusinessKey(customerId).setVariables(vars).correlateWithResult();
            }
            return null;
        });
        return id;
    }

    /** The contact the rep entered in the task of a missed promise (the process is already there). */
    @Transactional
    public Contact recordFromTask(String customerId, Object outcome, Object notes, Object next, String recordedBy) {
        Contact contact = validate(outcome, notes, next);
        FollowUpCustomer customer = repository.lock(customerId)
                .orElseThrow(() -> new IllegalStateException("customer " + customerId + " is not in the follow-up cadence"));
        record(customer, contact, VIA_TASK, recordedBy);
        return contact;
    }

    @Transactional
    public void markLost(String customerId) {
        if (!repository.markLost(customerId, clock.now())) {
            log.warn("customer {} was not ACTIVE when its no-contact period ended", customerId);
        }
    }

    private long record(FollowUpCustomer customer, Contact contact, String via, String recordedBy) {
        Instant now = clock.now();
        long id = repository.insertContact(customer.customerId(), customer.repId(), now, contact.outcome(), contact.notes(),
                contact.nextFollowUpDate(), via, recordedBy == null ? customer.repId() : recordedBy);
        repository.contacted(customer.customerId(), now, contact.nextFollowUpDate(),
                FollowUpCustomer.LOST.equals(customer.status()));
        return id;
    }

    /** What the process reads after a contact: the promise (yyyy-MM-dd, the timers' input) and the last contact. */
    static Map<String, Object> variables(Contact contact, Instant at) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.NEXT_FOLLOW_UP_DATE, contact.nextFollowUpDate().toString());
        vars.put(Vars.LAST_CONTACT_AT, Date.from(at));
        vars.put(Vars.FOLLOW_UP_OUTCOME, contact.outcome().name());
        vars.put(Vars.FOLLOW_UP_NOTES, contact.notes());
        return vars;
    }
}
