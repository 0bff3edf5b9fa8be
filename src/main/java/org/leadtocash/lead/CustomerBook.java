package org.leadtocash.lead;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.leadtocash.lead.CustomerImportReport.Line;
import org.leadtocash.lead.CustomerImportReport.Outcome;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer book: customers recorded from their business licence with the store tier that
 * decides their rebate, one at a time (API, the quote's Tasklist start form) or by CSV import of an existing book.
 * The credit code identifies a customer: a customer first reached through a lead gets its licence recorded once;
 * afterwards only the import changes it.
 */
@Service
public class CustomerBook {
    private static final Logger log = LoggerFactory.getLogger(CustomerBook.class);

    private final LicenceRules rules;
    private final CustomerRepository customers;
    private final LeadRepository leads;
    private final EngineClock clock;
    private final ApplicationEventPublisher events;

    CustomerBook(LicenceRules rules, CustomerRepository customers, LeadRepository leads, EngineClock clock,
                 ApplicationEventPublisher events) {
        this.events = events;
        this.rules = rules;
        this.customers = customers;
        this.leads = leads;
        this.clock = clock;
    }

    /**
     * Checks the licence fields of a new customer and that the book can take it: its credit code has no recorded
     * licence yet and, if a rep already owns it, that rep is the owner asked for.
     *
     * @return the registration, or null when {@code errors} received the broken rules
     */
    public CustomerRegistration check(Map<String, ?> fields, List<FieldError> errors) {
        CustomerRegistration registration = rules.check(fields, errors);
        if (registration == null) {
            return null;
        }
        int before = errors.size();
        customers.findByCreditCode(registration.licence().creditCode()).ifPresent(existing -> conflicts(existing, registration, errors));
        return errors.size() > before ? null : registration;
    }

    private static void conflicts(CustomerRecord existing, CustomerRegistration registration, List<FieldError> errors) {
        if (existing.licenceRecorded()) {
            errors.add(new FieldError(LicenceFields.CREDIT_CODE, "new-customer", "统一社会信用代码 "
                    + existing.licence().creditCode() + " 已在客户库中（" + existing.licence().companyName()
                    + "），请按已有客户报价 is already in the customer book (customer " + existing.id()
                    + "); quote it as an existing customer"));
        } else if (existing.ownerId() != null && !existing.ownerId().equals(registration.ownerId())) {
            errors.add(new FieldError(LicenceFields.CREDIT_CODE, "owned-customer", "该客户已由其他销售负责 this customer is owned by "
                    + "another rep (R-06: one owner)"));
        }
    }

    /** Records a new customer (or the licence of one known from a lead) as {@link #check} allowed it. */
    @Transactional
    public CustomerRecord register(CustomerRegistration registration, String recordedBy) {
        List<FieldError> errors = new ArrayList<>();
        var existing = customers.findByCreditCode(registration.licence().creditCode());
        existing.ifPresent(c -> conflicts(c, registration, errors));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String id = store(existing.orElse(null), registration, recordedBy);
        log.info("customer {} ({}) recorded from its business licence by {}, tier {}", id, registration.licence().creditCode(),
                recordedBy, registration.storeTier());
        return customers.find(id).orElseThrow();
    }

    /** Validates then registers: 400 naming every broken rule. */
    @Transactional
    public CustomerRecord register(Map<String, ?> fields, String recordedBy) {
        List<FieldError> errors = new ArrayList<>();
        CustomerRegistration registration = check(fields, errors);
        if (registration == null) {
            throw new InvalidInputException(errors);
        }
        return register(registration, recordedBy);
    }

    /** Stores the licence; the first licence of a customer is announced as {@link CustomerRecorded}. */
    private String store(CustomerRecord existing, CustomerRegistration r, String by) {
        String id = storeLicence(existing, r, by);
        if (existing == null || !existing.licenceRecorded()) {
            BusinessLicence l = r.licence();
            events.publishEvent(new CustomerRecorded(id, l.creditCode(), l.companyName(), l.address(),
                    r.ownerId() != null ? r.ownerId() : existing == null ? null : existing.ownerId()));
        }
        return id;
    }

    private String storeLicence(CustomerRecord existing, CustomerRegistration r, String by) {
        var now = clock.now();
        if (existing == null) {
            String id = UUID.randomUUID().toString();
            customers.insert(id, r, by, now);
            return id;
        }
        customers.updateLicence(existing.id(), r, by, now);
        if (existing.ownerId() == null && r.ownerId() != null) {
            leads.claimOwnership(existing.id(), r.ownerId(), now);
        }
        return existing.id();
    }

    /** @param viewer the rep asking, or null for a user who sees every customer; another rep's customer is 404 */
    public CustomerRecord record(String customerId, String viewer) {
        CustomerRecord c = customers.find(customerId).orElseThrow(() -> new NotFoundException("customer " + customerId + " not found"));
        if (viewer != null && !viewer.equals(c.ownerId())) {
            throw new NotFoundException("customer " + customerId + " not found");
        }
        return c;
    }

    public List<CustomerRecord> records(String viewer, int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "range", "must be between 1 and 500");
        }
        return customers.list(viewer, limit);
    }

    /**
     * Imports a customer book (CSV, see {@link CustomerCsv}). A file that cannot be read as a whole is refused (400) and
     * stores nothing; otherwise exactly the valid lines are stored, in one transaction, and every line is reported.
     */
    @Transactional
    public CustomerImportReport importCsv(byte[] content, String fileName, String importedBy) {
        CustomerCsv.Parsed file = CustomerCsv.parse(content);
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> firstLineOf = new HashMap<>();
        for (CustomerCsv.Row row : file.rows()) {
            lines.add(importLine(row, firstLineOf, importedBy));
        }
        int created = count(lines, Outcome.CREATED);
        int updated = count(lines, Outcome.UPDATED);
        int unchanged = count(lines, Outcome.UNCHANGED);
        int invalid = count(lines, Outcome.INVALID);
        log.info("customer import {} by {}: {} lines, {} created, {} updated, {} unchanged, {} invalid", fileName, importedBy,
                lines.size(), created, updated, unchanged, invalid);
        return new CustomerImportReport(fileName, file.charset(), importedBy, clock.now(),
                new CustomerImportReport.Summary(lines.size(), created, updated, unchanged, invalid), lines);
    }

    private Line importLine(CustomerCsv.Row row, Map<String, Integer> firstLineOf, String by) {
        Map<String, String> values = row.values();
        List<FieldError> errors = new ArrayList<>();
        if (values.containsKey(CustomerCsv.EXTRA)) {
            errors.add(new FieldError("line", "column-count", "第" + row.lineNo() + "行的列数多于表头 line " + row.lineNo()
                    + " has " + values.get(CustomerCsv.EXTRA) + " cells, more than the header"));
        }
        CustomerRegistration r = rules.check(values, errors);
        String code = LicenceRules.text(values.get(LicenceFields.CREDIT_CODE));
        if (code != null) {
            code = code.toUpperCase(java.util.Locale.ROOT);
            Integer first = firstLineOf.putIfAbsent(code, row.lineNo());
            if (first != null) {
                errors.add(new FieldError(LicenceFields.CREDIT_CODE, "unique-in-file", "与第" + first + "行的统一社会信用代码相同 "
                        + "the same credit code as line " + first));
            }
        }
        String name = LicenceRules.text(values.get(LicenceFields.COMPANY_NAME));
        if (!errors.isEmpty() || r == null) {
            return invalid(row, code, name, errors);
        }
        CustomerRecord existing = customers.findByCreditCode(r.licence().creditCode()).orElse(null);
        if (existing == null) {
            String id = store(null, r, by);
            return new Line(row.lineNo(), code, name, Outcome.CREATED, id, "新客户已建档 customer created", List.of());
        }
        if (existing.ownerId() != null && r.ownerId() != null && !existing.ownerId().equals(r.ownerId())) {
            errors.add(new FieldError(LicenceFields.OWNER_ID, "one-owner", "客户已由 " + existing.ownerId() + " 负责，转交请由经理办理 "
                    + "the customer is owned by " + existing.ownerId() + " (R-06: one owner; a manager transfers it)"));
            return invalid(row, code, name, errors);
        }
        boolean claims = existing.ownerId() == null && r.ownerId() != null;
        if (existing.licenceRecorded() && !claims && Objects.equals(existing.licence(), r.licence())
                && Objects.equals(existing.storeTier(), r.storeTier())) {
            return new Line(row.lineNo(), code, name, Outcome.UNCHANGED, existing.id(), "与客户库一致 same as in the book", List.of());
        }
        store(existing, r, by);
        return new Line(row.lineNo(), code, name, Outcome.UPDATED, existing.id(), "客户资料已更新 licence and tier updated", List.of());
    }

    private static Line invalid(CustomerCsv.Row row, String code, String name, List<FieldError> errors) {
        return new Line(row.lineNo(), code, name, Outcome.INVALID, null, "第" + row.lineNo() + "行未导入 line " + row.lineNo()
                + " not imported: " + errors.size() + " rule(s) broken", errors);
    }

    private static int count(List<Line> lines, Outcome outcome) {
        return (int) lines.stream().filter(l -> l.outcome() == outcome).count();
    }
}
