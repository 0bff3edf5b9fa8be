package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.leadtocash.lead.Customer;
import org.leadtocash.lead.CustomerBook;
import org.leadtocash.lead.CustomerRegistration;
import org.leadtocash.lead.LicenceFields;
import org.leadtocash.lead.StoreTiers;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadQueries;
import org.leadtocash.quote.QuoteToInvoiceProcess.CustomerAnswer;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns what a rep entered — the quote request (start form or API), the customer's answer — into a typed command, or
 * throws {@link InvalidInputException} naming every field and rule broken, so the form or API caller can fix them
 * all at once. R-06: only the customer's owner quotes it. R-15: the rebate follows the customer's own store tier; a
 * rep does not pick it (a {@code customerTier} sent by an API client must be that tier). R-30: the start form may
 * carry a new customer's business licence instead of an existing customer. R-10: a product whose required clause has
 * no text in force is refused, so no quote leaves a required clause out. Edited prices: {@link PriceEditValidator}.
 */
@Component
class QuoteValidator {
    static final int MAX_LINES = 50;
    static final int MAX_NOTE = 1000;
    static final int MAX_REASON = 500;

    private final LeadQueries leads;
    private final CustomerBook customerBook;
    private final StoreTiers tiers;
    private final Catalogue catalogue;
    private final ClauseLibrary clauses;
    private final EngineClock clock;

    QuoteValidator(LeadQueries leads, CustomerBook customerBook, StoreTiers tiers, Catalogue catalogue, ClauseLibrary clauses,
                   EngineClock clock) {
        this.leads = leads;
        this.clauses = clauses;
        this.customerBook = customerBook;
        this.tiers = tiers;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * The start variables of {@code QuoteToInvoiceProcess}: from the API ({@code lines} a JSON list) or the Tasklist
     * start form (one line in {@code productModel} and {@code quantity}).
     *
     * @param initiator the user who started the process, or null to take {@code repId} from the variables
     */
    OpenQuote openQuote(Map<String, Object> vars, String initiator) {
        String repId = initiator != null ? initiator : QuoteInput.text(vars.get(Vars.REP_ID));
        if (repId == null) {
            throw new InvalidInputException(Vars.REP_ID, "required", "报价必须由负责该客户的销售发起 a quote is started by the rep who owns the customer");
        }
        boolean singleLine = vars.get(Vars.LINES) == null;
        JsonNode lines = singleLine ? singleLine(vars) : QuoteJson.tree(vars.get(Vars.LINES));
        List<FieldError> errors = new ArrayList<>();
        Customer customer = null;
        CustomerRegistration newCustomer = null;
        String tier = null;
        if (isTrue(vars.get(Vars.NEW_CUSTOMER))) {
            Map<String, Object> licence = new HashMap<>(vars);
            licence.put(LicenceFields.OWNER_ID, repId);
            newCustomer = customerBook.check(licence, errors);
            tier = newCustomer == null ? null : newCustomer.storeTier();
        } else {
            customer = customer(repId, QuoteInput.text(vars.get(Vars.CUSTOMER_ID)),
                    QuoteInput.text(vars.get(Vars.CREDIT_CODE)), errors);
            tier = tier(customer, QuoteInput.text(vars.get(Vars.CUSTOMER_TIER)), errors);
        }
        LocalDate delivery = QuoteInput.futureDate(vars.get(Vars.DELIVERY_DATE), Vars.DELIVERY_DATE, clock.today(),
                clock.zone(), errors);
        List<OpenQuote.Line> products = products(lines, singleLine, errors);
        String leadId = QuoteInput.text(vars.get(Vars.LEAD_ID));
        if (leadId != null && newCustomer != null) {
            errors.add(new FieldError(Vars.LEAD_ID, "same-customer", "新客户尚无线索 a new customer has no lead yet"));
        }
        if (leadId != null && customer != null) {
            checkLead(leadId, repId, customer, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new OpenQuote(QuoteInput.text(vars.get(Vars.QUOTE_ID)), repId, customer == null ? null : CustomerRef.of(customer),
                newCustomer, tier, delivery, products, leadId);
    }

    private static JsonNode singleLine(Map<String, Object> vars) {
        ArrayNode one = QuoteJson.MAPPER.createArrayNode();
        ObjectNode line = one.addObject();
        line.set("productModel", QuoteJson.tree(vars.get(Vars.PRODUCT_MODEL)));
        line.set("quantity", QuoteJson.tree(vars.get(Vars.QUANTITY)));
        return one;
    }

    private Customer customer(String repId, String customerId, String creditCode, List<FieldError> errors) {
        if (customerId != null) {
            try {
                return leads.customer(customerId, repId);
            } catch (NotFoundException e) {
                errors.add(new FieldError(Vars.CUSTOMER_ID, "owned-customer", "客户 " + customerId
                        + " 不存在或不由您负责 no customer " + customerId + " is owned by " + repId
                        + " (R-06: only the customer's owner quotes it)"));
                return null;
            }
        }
        if (creditCode != null) {
            Customer customer = leads.customers(repId, 500).stream().filter(c -> c.creditCode().equals(creditCode))
                    .findFirst().orElse(null);
            if (customer == null) {
                errors.add(new FieldError(Vars.CREDIT_CODE, "owned-customer", "信用代码为 " + creditCode
                        + " 的客户不存在或不由您负责 no customer with credit code " + creditCode + " is owned by " + repId
                        + " (R-06: only the customer's owner quotes it)"));
            }
            return customer;
        }
        errors.add(new FieldError(Vars.CUSTOMER_ID, "required", "请填写客户编号或统一社会信用代码 give customerId or creditCode"));
        return null;
    }

    private static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value != null && "true".equalsIgnoreCase(value.toString().strip());
    }

    /**
     * The customer's store tier from the customer book. {@code asked} (API clients, earlier start forms) is checked,
     * never used: an unknown tier is refused, and so is a tier other than the customer's.
     */
    private String tier(Customer customer, String asked, List<FieldError> errors) {
        List<String> known = tiers.codes();
        if (asked != null && !known.contains(asked)) {
            errors.add(new FieldError(Vars.CUSTOMER_TIER, "one-of", "must be one of " + known));
            return null;
        }
        if (customer == null) {
            return null;
        }
        String tier = customerBook.record(customer.id(), null).storeTier();
        if (tier == null) {
            errors.add(new FieldError(Vars.CUSTOMER_TIER, "customer-tier", "客户 " + customer.companyName()
                    + " 尚未登记营业执照和门店等级，请先补录（新客户报价或客户导入）the customer has no business licence and store "
                    + "tier yet; record them first (quote as a new customer, or the customer import)"));
            return null;
        }
        if (asked != null && !asked.equals(tier)) {
            errors.add(new FieldError(Vars.CUSTOMER_TIER, "customer-tier", "门店等级属于客户：" + customer.companyName() + " 是 "
                    + tier + " the store tier belongs to the customer, whose tier is " + tier + ", not " + asked));
            return null;
        }
        return tier;
    }

    private List<OpenQuote.Line> products(JsonNode lines, boolean singleLine, List<FieldError> errors) {
        List<OpenQuote.Line> products = new ArrayList<>();
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            errors.add(new FieldError(singleLine ? Vars.PRODUCT_MODEL : Vars.LINES, "required", "至少一个产品 at least one product line is required"));
            return products;
        }
        if (lines.size() > MAX_LINES) {
            errors.add(new FieldError(Vars.LINES, "max-size", "at most " + MAX_LINES + " lines"));
            return products;
        }
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String modelField = singleLine ? Vars.PRODUCT_MODEL : "lines[" + i + "].productModel";
            String qtyField = singleLine ? Vars.QUANTITY : "lines[" + i + "].quantity";
            Product product = product(QuoteInput.text(QuoteJson.text(line, "productModel")), modelField, errors);
            BigDecimal qty = QuoteInput.positive(line == null ? null : line.get("quantity"), qtyField, QuoteInput.MAX_QUANTITY, errors);
            if (product != null) {
                int before = errors.size();
                clauses.withoutTextFor(product).forEach(t -> errors.add(clauses.missingText(modelField, product, t)));
                if (errors.size() > before) {
                    continue;
                }
            }
            if (product != null && qty != null) {
                products.add(new OpenQuote.Line(product, qty));
            }
        }
        return products;
    }

    /** An active catalogue product, or null with the error recorded. */
    private Product product(String model, String field, List<FieldError> errors) {
        if (model == null) {
            errors.add(new FieldError(field, "required", "请选择产品型号 choose a product model"));
            return null;
        }
        try {
            Product product = catalogue.product(model);
            if (!product.active()) {
                errors.add(new FieldError(field, "active", "产品 " + model + " 已停售 is no longer sold"));
                return null;
            }
            return product;
        } catch (NotFoundException e) {
            errors.add(new FieldError(field, "known-product", "产品目录中没有型号 " + model + " no product " + model + " in the catalogue"));
            return null;
        }
    }

    private void checkLead(String leadId, String repId, Customer customer, List<FieldError> errors) {
        try {
            Lead lead = leads.lead(leadId, repId);
            if (!customer.id().equals(lead.customerId())) {
                errors.add(new FieldError(Vars.LEAD_ID, "same-customer", "线索 " + leadId + " 属于另一个客户 belongs to another customer"));
            }
        } catch (NotFoundException e) {
            errors.add(new FieldError(Vars.LEAD_ID, "visible-lead", "no lead " + leadId + " of yours"));
        }
    }

    /** 记录客户答复: ACCEPTED, REJECTED with a reason, or REVISE with an optional note. */
    QuoteAnswer answer(Object answerValue, Object rejectReason, Object reviseNote) {
        List<FieldError> errors = new ArrayList<>();
        CustomerAnswer answer = null;
        String a = QuoteInput.text(answerValue);
        if (a == null) {
            errors.add(new FieldError(Vars.CUSTOMER_ANSWER, "required", "请选择客户答复 choose the customer's answer"));
        } else {
            try {
                answer = CustomerAnswer.valueOf(a);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(Vars.CUSTOMER_ANSWER, "one-of", "must be one of " + List.of(CustomerAnswer.values())));
            }
        }
        String reason = answer == CustomerAnswer.REJECTED
                ? QuoteInput.requiredText(rejectReason, Vars.REJECT_REASON, MAX_REASON, "拒绝原因 A reason for the rejection ", errors)
                : null;
        String note = answer == CustomerAnswer.REVISE ? QuoteInput.optionalText(reviseNote, Vars.REVISE_NOTE, MAX_NOTE, errors) : null;
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new QuoteAnswer(answer, reason, note);
    }
}
