package org.leadtocash.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.leadtocash.lead.Customer;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadQueries;
import org.leadtocash.lead.SalesStaff;
import org.leadtocash.lead.SalesTeam;
import org.leadtocash.quote.ClauseTamperAttempt.Channel;
import org.leadtocash.quote.QuoteToInvoiceProcess.CustomerAnswer;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Quotes: a rep quotes a customer he owns; product lines from the catalogue at list
 * price, the rebate of the customer's tier (DMN {@code rebatePolicy}), the latest version of every clause the products
 * need plus every clause that applies to all; totals by TaxMath. The rep may then change unit prices and the delivery
 * date — nothing else — and records the customer's answer.
 */
@Service
public class Quotes {
    static final int MAX_LINES = 50;
    static final int MAX_NOTE = 1000;
    static final int MAX_REASON = 500;

    private final QuoteRepository quotes;
    private final LeadQueries leads;
    private final SalesTeam salesTeam;
    private final Catalogue catalogue;
    private final ClauseLibrary clauses;
    private final RebatePolicy rebates;
    private final ClauseGuard guard;
    private final EngineClock clock;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final String sellerName;

    public Quotes(QuoteRepository quotes, LeadQueries leads, SalesTeam salesTeam, Catalogue catalogue, ClauseLibrary clauses,
                  RebatePolicy rebates, ClauseGuard guard, EngineClock clock, RuntimeService runtimeService,
                  TaskService taskService,
                  @Value("${leadtocash.company.seller-name:上海云帆智能科技有限公司}") String sellerName) {
        this.quotes = quotes;
        this.leads = leads;
        this.salesTeam = salesTeam;
        this.catalogue = catalogue;
        this.clauses = clauses;
        this.rebates = rebates;
        this.guard = guard;
        this.clock = clock;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.sellerName = sellerName;
    }

    /** One line of a quote request. */
    public record LineRequest(String productModel, BigDecimal quantity) {
    }

    /** {@code POST /api/quotes}: customerId (or creditCode) of a customer the rep owns, tier, delivery date, lines. */
    public record QuoteRequest(String customerId, String creditCode, String customerTier, String deliveryDate,
                               List<LineRequest> lines, String leadId) {
    }

    public record Started(String quoteId, String processInstanceId) {
    }

    /** A validated quote request. */
    record Draft(Customer customer, CustomerTier tier, LocalDate deliveryDate, List<Map.Entry<Product, BigDecimal>> lines,
                 String leadId) {
    }

    /** A validated edit: repriced lines, delivery date, note. */
    record Edit(List<PricedLine> lines, LocalDate deliveryDate, String note) {
    }

    // --- start -----------------------------------------------------------------------------------------------------

    /** Starts {@code QuoteToInvoiceProcess} for the rep (the API); the quote id is the business key. */
    @Transactional
    public Started start(QuoteRequest request, String repId) {
        if (request == null) {
            throw new InvalidInputException("body", "json-object", "the request body must be a JSON object");
        }
        ArrayNode lines = QuoteJson.MAPPER.createArrayNode();
        if (request.lines() != null) {
            for (LineRequest l : request.lines()) {
                ObjectNode line = lines.addObject();
                if (l != null) {
                    line.put("productModel", l.productModel());
                    line.put("quantity", l.quantity());
                }
            }
        }
        validate(repId, request.customerId(), request.creditCode(), request.customerTier(), request.deliveryDate(),
                request.lines() == null ? null : lines, request.leadId(), false);
        String quoteId = QuoteIds.next("Q", clock.now(), clock.zone());
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.QUOTE_ID, quoteId);
        vars.put(Vars.REP_ID, repId);
        vars.put(Vars.CUSTOMER_ID, request.customerId());
        vars.put(Vars.CREDIT_CODE, request.creditCode());
        vars.put(Vars.CUSTOMER_TIER, request.customerTier());
        vars.put(Vars.DELIVERY_DATE, request.deliveryDate());
        vars.put(Vars.LINES, QuoteJson.variable(lines));
        if (request.leadId() != null) {
            vars.put(Vars.LEAD_ID, request.leadId());
        }
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(QuoteToInvoiceProcess.KEY, quoteId, vars);
        return new Started(quoteId, instance.getId());
    }

    /**
     * 生成报价 Assemble quote, from the start variables of the API or the Tasklist start form (one product line).
     * The starting rep must own the customer.
     */
    @Transactional
    public Quote assemble(Map<String, Object> vars, String initiator, String processInstanceId) {
        String repId = initiator != null ? initiator : QuoteInput.text(vars.get(Vars.REP_ID));
        if (repId == null) {
            throw new InvalidInputException(Vars.REP_ID, "required", "报价必须由负责该客户的销售发起 a quote is started by the rep who owns the customer");
        }
        Object lineVar = vars.get(Vars.LINES);
        boolean singleLine = lineVar == null;
        JsonNode lines;
        if (singleLine) {
            ArrayNode one = QuoteJson.MAPPER.createArrayNode();
            ObjectNode line = one.addObject();
            line.set("productModel", QuoteJson.tree(vars.get(Vars.PRODUCT_MODEL)));
            line.set("quantity", QuoteJson.tree(vars.get(Vars.QUANTITY)));
            lines = one;
        } else {
            lines = QuoteJson.tree(lineVar);
        }
        Draft draft = validate(repId, vars.get(Vars.CUSTOMER_ID), vars.get(Vars.CREDIT_CODE), vars.get(Vars.CUSTOMER_TIER),
                vars.get(Vars.DELIVERY_DATE), lines, vars.get(Vars.LEAD_ID), singleLine);
        String quoteId = QuoteInput.text(vars.get(Vars.QUOTE_ID));
        Instant now = clock.now();
        if (quoteId == null) {
            quoteId = QuoteIds.next("Q", now, clock.zone());
        }
        BigDecimal rebate = rebates.rebateRate(draft.tier().name()).setScale(4, RoundingMode.HALF_UP);
        List<PricedLine> priced = new ArrayList<>();
        Set<String> clauseTypes = new LinkedHashSet<>();
        int lineNo = 1;
        for (Map.Entry<Product, BigDecimal> e : draft.lines()) {
            Product p = e.getKey();
            priced.add(PricedLine.price(lineNo++, p, e.getValue(), p.unitPriceCny(), rebate));
            clauseTypes.addAll(p.clauseTypes());
        }
        List<AttachedClause> attached = clauses.latestFor(clauseTypes).stream().map(AttachedClause::of).toList();
        TaxMath.Amounts totals = TaxMath.sum(priced.stream().map(PricedLine::amounts).toList());
        Customer c = draft.customer();
        Quote quote = new Quote(quoteId, 1, c.id(), c.companyName(), c.creditCode(), draft.tier().name(), repId,
                draft.leadId(), clock.today(), draft.deliveryDate(), rebate, totals.net(), totals.tax(), totals.total(),
                QuoteStatus.OPEN, null, processInstanceId, now, now, null, priced, attached);
        quotes.insert(quote);
        return quote;
    }

    Draft validate(String repId, Object customerIdValue, Object creditCodeValue, Object tierValue, Object deliveryDateValue,
                   JsonNode lines, Object leadIdValue, boolean singleLine) {
        List<FieldError> errors = new ArrayList<>();
        Customer customer = null;
        String customerId = QuoteInput.text(customerIdValue);
        String creditCode = QuoteInput.text(creditCodeValue);
        if (customerId != null) {
            try {
                customer = leads.customer(customerId, repId);
            } catch (NotFoundException e) {
                errors.add(new FieldError(Vars.CUSTOMER_ID, "owned-customer", "客户 " + customerId
                        + " 不存在或不由您负责 no customer " + customerId + " is owned by " + repId
                        + " (R-06: only the customer's owner quotes it)"));
            }
        } else if (creditCode != null) {
            customer = leads.customers(repId, 500).stream().filter(c -> c.creditCode().equals(creditCode)).findFirst().orElse(null);
            if (customer == null) {
                errors.add(new FieldError(Vars.CREDIT_CODE, "owned-customer", "信用代码为 " + creditCode
                        + " 的客户不存在或不由您负责 no customer with credit code " + creditCode + " is owned by " + repId
                        + " (R-06: only the customer's owner quotes it)"));
            }
        } else {
            errors.add(new FieldError(Vars.CUSTOMER_ID, "required", "请填写客户编号或统一社会信用代码 give customerId or creditCode"));
        }
        CustomerTier tier = null;
        String tierText = QuoteInput.text(tierValue);
        if (tierText == null) {
            errors.add(new FieldError(Vars.CUSTOMER_TIER, "required", "请选择客户等级 choose the customer tier"));
        } else {
            try {
                tier = CustomerTier.valueOf(tierText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(Vars.CUSTOMER_TIER, "one-of", "must be one of " + List.of(CustomerTier.values())));
            }
        }
        LocalDate delivery = QuoteInput.futureDate(deliveryDateValue, Vars.DELIVERY_DATE, clock.today(), clock.zone(), errors);
        List<Map.Entry<Product, BigDecimal>> products = new ArrayList<>();
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            errors.add(new FieldError(singleLine ? Vars.PRODUCT_MODEL : Vars.LINES, "required", "至少一个产品 at least one product line is required"));
        } else if (lines.size() > MAX_LINES) {
            errors.add(new FieldError(Vars.LINES, "max-size", "at most " + MAX_LINES + " lines"));
        } else {
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = lines.get(i);
                String modelField = singleLine ? Vars.PRODUCT_MODEL : "lines[" + i + "].productModel";
                String qtyField = singleLine ? Vars.QUANTITY : "lines[" + i + "].quantity";
                String model = QuoteInput.text(QuoteJson.text(line, "productModel"));
                Product product = null;
                if (model == null) {
                    errors.add(new FieldError(modelField, "required", "请选择产品型号 choose a product model"));
                } else {
                    try {
                        product = catalogue.product(model);
                        if (!product.active()) {
                            errors.add(new FieldError(modelField, "active", "产品 " + model + " 已停售 is no longer sold"));
                            product = null;
                        }
                    } catch (NotFoundException e) {
                        errors.add(new FieldError(modelField, "known-product", "产品目录中没有型号 " + model + " no product " + model + " in the catalogue"));
                    }
                }
                BigDecimal qty = QuoteInput.positive(line == null ? null : line.get("quantity"), qtyField, QuoteInput.MAX_QUANTITY, errors);
                if (product != null && qty != null) {
                    products.add(Map.entry(product, qty));
                }
            }
        }
        String leadId = QuoteInput.text(leadIdValue);
        if (leadId != null && customer != null) {
            try {
                Lead lead = leads.lead(leadId, repId);
                if (!customer.id().equals(lead.customerId())) {
                    errors.add(new FieldError(Vars.LEAD_ID, "same-customer", "线索 " + leadId + " 属于另一个客户 belongs to another customer"));
                }
            } catch (NotFoundException e) {
                errors.add(new FieldError(Vars.LEAD_ID, "visible-lead", "no lead " + leadId + " of yours"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Draft(customer, tier, delivery, products, leadId);
    }

    // --- edit ------------------------------------------------------------------------------------------------------

    /** 应用报价修改 Apply quote edits: unit prices and delivery date; recomputes the totals. */
    @Transactional
    public Quote applyEdits(String quoteId, Object lines, Object deliveryDate, Object note) {
        Quote quote = get(quoteId);
        Edit edit = validateEdit(quote.lines(), quote.rebateRate(), lines, deliveryDate, note, false);
        TaxMath.Amounts totals = TaxMath.sum(edit.lines().stream().map(PricedLine::amounts).toList());
        quotes.updatePricing(quoteId, edit.deliveryDate(), edit.lines(), totals, clock.now());
        return get(quoteId);
    }

    /**
     * Validates repriced lines: every line of the document once, by lineNo; product and quantity unchanged (if given);
     * unit price incl. tax &gt; 0 with at most 2 decimals.
     */
    Edit validateEdit(List<PricedLine> current, BigDecimal rebateRate, Object linesValue, Object deliveryDate, Object note,
                      boolean noteRequired) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode lines = QuoteJson.tree(linesValue);
        Map<Integer, PricedLine> byNo = new LinkedHashMap<>();
        current.forEach(l -> byNo.put(l.lineNo(), l));
        Map<Integer, PricedLine> repriced = new LinkedHashMap<>();
        if (lines == null || !lines.isArray()) {
            errors.add(new FieldError(Vars.LINES, "required", "报价行必填 the lines with their unit prices are required"));
        } else {
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = lines.get(i);
                String at = "lines[" + i + "]";
                JsonNode no = line == null ? null : line.get("lineNo");
                PricedLine existing = no != null && no.canConvertToInt() ? byNo.get(no.asInt()) : null;
                if (existing == null) {
                    errors.add(new FieldError(at + ".lineNo", "known-line", "must be one of the lines " + byNo.keySet()));
                    continue;
                }
                if (repriced.containsKey(existing.lineNo())) {
                    errors.add(new FieldError(at + ".lineNo", "unique", "line " + existing.lineNo() + " appears twice"));
                    continue;
                }
                String model = QuoteJson.text(line, "productModel");
                if (model != null && !model.equals(existing.productModel())) {
                    errors.add(new FieldError(at + ".productModel", "unchanged",
                            "只能修改单价和交货日期 only the unit price and the delivery date can change; start a new quote for other products"));
                }
                BigDecimal qty = QuoteJson.decimal(line.get("quantity"));
                if (line.hasNonNull("quantity") && (qty == null || qty.compareTo(existing.quantity()) != 0)) {
                    errors.add(new FieldError(at + ".quantity", "unchanged",
                            "只能修改单价和交货日期 only the unit price and the delivery date can change; start a new quote for other quantities"));
                }
                BigDecimal price = QuoteInput.positive(line.get("unitPriceInclTax"), at + ".unitPriceInclTax",
                        QuoteInput.MAX_UNIT_PRICE, errors);
                if (price != null) {
                    repriced.put(existing.lineNo(), existing.repriced(price, rebateRate));
                }
            }
            if (errors.isEmpty()) {
                for (Integer missing : byNo.keySet()) {
                    if (!repriced.containsKey(missing)) {
                        errors.add(new FieldError(Vars.LINES, "every-line", "第" + missing + "行缺少单价 line " + missing
                                + " is missing: give every line with its unit price"));
                    }
                }
            }
        }
        LocalDate delivery = QuoteInput.futureDate(deliveryDate, Vars.DELIVERY_DATE, clock.today(), clock.zone(), errors);
        String n = noteRequired
                ? QuoteInput.requiredText(note, Vars.REVISION_NOTE, MAX_NOTE, "修改说明 A note for legal ", errors)
                : QuoteInput.optionalText(note, Vars.EDIT_NOTE, MAX_NOTE, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Edit(new ArrayList<>(repriced.values()), delivery, n);
    }

    /**
     * {@code PUT /api/quotes/{id}}: the same edit as the form, by the quote's owner while it waits at 编辑报价; a
     * {@code clauses} field that changes any clause is refused and recorded (channel API).
     */
    @Transactional
    public Quote editViaApi(String quoteId, JsonNode body, String user, boolean overseer) {
        Quote quote = visible(quoteId, overseer ? null : user);
        if (!quote.repId().equals(user)) {
            throw new AccessDeniedException("only the quote's owner " + quote.repId() + " edits it");
        }
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "json-object", "the request body must be a JSON object");
        }
        Set<String> allowed = Set.of(Vars.LINES, Vars.DELIVERY_DATE, Vars.EDIT_NOTE, Vars.CLAUSES);
        List<FieldError> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f) && !ClauseGuard.isClauseVariable(f)) {
                unknown.add(new FieldError(f, "known-field", "unknown field; allowed fields are " + allowed));
            }
        });
        List<ClauseGuard.Attempt> attempts = new ArrayList<>();
        body.fields().forEachRemaining(e -> {
            if (ClauseGuard.isClauseVariable(e.getKey())) {
                attempts.addAll(guard.differences(quote.clauses(), e.getKey(), e.getValue()));
            }
        });
        guard.check(quote.id(), null, attempts, user, Channel.API);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
        var task = taskService.createTaskQuery().processInstanceBusinessKey(quoteId)
                .processDefinitionKey(QuoteToInvoiceProcess.KEY).taskDefinitionKey(QuoteToInvoiceProcess.Task.EDIT_QUOTE)
                .singleResult();
        if (task == null || quote.status() != QuoteStatus.OPEN) {
            throw new InvalidInputException("quote", "editable",
                    "报价当前不在「编辑报价」步骤 the quote can be edited only while it waits at 编辑报价 Edit quote");
        }
        Edit edit = validateEdit(quote.lines(), quote.rebateRate(), body.get(Vars.LINES),
                body.hasNonNull(Vars.DELIVERY_DATE) ? body.get(Vars.DELIVERY_DATE).asText() : null,
                body.hasNonNull(Vars.EDIT_NOTE) ? body.get(Vars.EDIT_NOTE).asText() : null, false);
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.LINES, QuoteJson.variable(QuoteText.lineVariables(edit.lines())));
        vars.put(Vars.DELIVERY_DATE, edit.deliveryDate().toString());
        vars.put(Vars.EDIT_NOTE, edit.note());
        taskService.complete(task.getId(), vars);
        return get(quoteId);
    }

    // --- customer answer -------------------------------------------------------------------------------------------

    /** 记录客户答复 Record the customer's answer; REVISE opens the next revision. */
    @Transactional
    public CustomerAnswer answer(String quoteId, Object answerValue, Object rejectReason, Object reviseNote) {
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
        String reason = null;
        if (answer == CustomerAnswer.REJECTED) {
            reason = QuoteInput.requiredText(rejectReason, Vars.REJECT_REASON, MAX_REASON, "拒绝原因 A reason for the rejection ", errors);
        }
        String note = answer == CustomerAnswer.REVISE ? QuoteInput.optionalText(reviseNote, Vars.REVISE_NOTE, MAX_NOTE, errors) : null;
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Quote quote = get(quoteId);
        Instant now = clock.now();
        switch (answer) {
            case ACCEPTED -> quotes.answer(quote.id(), QuoteStatus.ACCEPTED, null, now);
            case REJECTED -> quotes.answer(quote.id(), QuoteStatus.REJECTED, reason, now);
            case REVISE -> quotes.newRevision(quote.id(), note, now);
        }
        return answer;
    }

    // --- reads -----------------------------------------------------------------------------------------------------

    /** The quote, for the process (no visibility check). */
    public Quote get(String quoteId) {
        return quotes.find(quoteId).orElseThrow(() -> new NotFoundException("quote " + quoteId + " not found"));
    }

    /** @param viewer the rep, or null for a user who sees all sales data; another rep's quote is 404 */
    public Quote visible(String quoteId, String viewer) {
        Quote quote = get(quoteId);
        if (viewer != null && !viewer.equals(quote.repId())) {
            throw new NotFoundException("quote " + quoteId + " not found");
        }
        return quote;
    }

    public List<Quote> list(String viewer, int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "range", "must be between 1 and 500");
        }
        return quotes.list(viewer, limit);
    }

    public List<ClauseTamperAttempt> tamperAttempts(String quoteId) {
        return quotes.tamperAttempts(quoteId);
    }

    /** The quote as the PDF shows it. */
    public QuoteDocument document(Quote q) {
        String repName = salesTeam.find(q.repId()).map(SalesStaff::displayName).orElse(q.repId());
        List<QuoteDocument.Line> lines = q.lines().stream().map(l -> new QuoteDocument.Line(l.lineNo(), l.productModel(),
                l.productName(), l.quantity(), l.unitPriceInclTax(), l.vatRate(), l.totalAmount())).toList();
        List<QuoteDocument.Clause> docClauses = q.clauses().stream()
                .map(c -> new QuoteDocument.Clause(c.typeName(), c.version(), c.locked(), c.text())).toList();
        return new QuoteDocument(q.id(), q.revision(), sellerName, q.customerName(), q.customerCreditCode(), repName,
                q.quoteDate(), q.deliveryDate(), q.rebateRate(), lines, q.netTotal(), q.taxTotal(), q.total(), docClauses);
    }
}
