package org.leadtocash.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.leadtocash.lead.CustomerBook;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Quotes: a rep quotes a customer he owns; product lines from the catalogue at list
 * price, the rebate of the customer's tier (DMN {@code rebatePolicy}), the latest version of every clause the products
 * need plus every clause that applies to all; totals by TaxMath. The rep may then change unit prices and the delivery
 * date — nothing else — and records the customer's answer. Input arrives checked, as typed commands
 * ({@link QuoteValidator}, {@link PriceEditValidator}).
 */
@Service
public class Quotes {
    private final QuoteRepository quotes;
    private final QuoteValidator validator;
    private final ClauseLibrary clauses;
    private final RebatePolicy rebates;
    private final CustomerBook customerBook;
    private final EngineClock clock;
    private final RuntimeService runtimeService;

    public Quotes(QuoteRepository quotes, QuoteValidator validator, ClauseLibrary clauses, RebatePolicy rebates,
                  CustomerBook customerBook, EngineClock clock, RuntimeService runtimeService) {
        this.quotes = quotes;
        this.customerBook = customerBook;
        this.validator = validator;
        this.clauses = clauses;
        this.rebates = rebates;
        this.clock = clock;
        this.runtimeService = runtimeService;
    }

    /** One line of a quote request. */
    public record LineRequest(String productModel, BigDecimal quantity) {
    }

    /**
     * {@code POST /api/quotes}: customerId (or creditCode) of a customer the rep owns, delivery date, lines; customerTier
     * is optional and, when given, must be the customer's own tier.
     */
    public record QuoteRequest(String customerId, String creditCode, String customerTier, String deliveryDate,
                               List<LineRequest> lines, String leadId) {
    }

    public record Started(String quoteId, String processInstanceId) {
    }

    /**
     * Starts {@code QuoteToInvoiceProcess} for the rep (the API) with the variables the start form would submit,
     * checked first so that a refused request answers 400 naming the fields; the quote id is the business key.
     */
    @Transactional
    public Started start(QuoteRequest request, String repId) {
        if (request == null) {
            throw new InvalidInputException("body", "json-object", "the request body must be a JSON object");
        }
        String quoteId = QuoteIds.next("Q", clock.now(), clock.zone());
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
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.QUOTE_ID, quoteId);
        vars.put(Vars.REP_ID, repId);
        vars.put(Vars.CUSTOMER_ID, request.customerId());
        vars.put(Vars.CREDIT_CODE, request.creditCode());
        vars.put(Vars.CUSTOMER_TIER, request.customerTier());
        vars.put(Vars.DELIVERY_DATE, request.deliveryDate());
        vars.put(Vars.LINES, lines);
        if (request.leadId() != null) {
            vars.put(Vars.LEAD_ID, request.leadId());
        }
        validator.openQuote(vars, repId);
        vars.put(Vars.LINES, QuoteJson.variable(lines));
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(QuoteToInvoiceProcess.KEY, quoteId, vars);
        return new Started(quoteId, instance.getId());
    }

    /**
     * 生成报价 Assemble quote: records a new customer from its licence first (one action, R-30), prices the lines with
     * the customer's tier rebate, attaches the clauses in force, stores revision 1.
     */
    @Transactional
    Quote open(OpenQuote command, String processInstanceId) {
        Instant now = clock.now();
        String quoteId = command.quoteId() != null ? command.quoteId() : QuoteIds.next("Q", now, clock.zone());
        if (command.customer() == null) {
            command = command.forCustomer(CustomerRef.of(customerBook.register(command.newCustomer(), command.repId())));
        }
        BigDecimal rebate = rebates.rebateRate(command.tier()).setScale(4, RoundingMode.HALF_UP);
        List<PricedLine> priced = new ArrayList<>();
        List<Product> quoted = new ArrayList<>();
        int lineNo = 1;
        for (OpenQuote.Line line : command.lines()) {
            Product p = line.product();
            priced.add(PricedLine.price(lineNo++, p, line.quantity(), p.unitPriceCny(), rebate));
            quoted.add(p);
        }
        List<AttachedClause> attached = clauses.attachmentsFor(quoted).stream().map(AttachedClause::of).toList();
        Quote quote = Quote.opened(quoteId, command, rebate, priced, attached, processInstanceId, clock.today(), now);
        quotes.insert(quote);
        return quote;
    }

    /** 应用报价修改 Apply quote edits: unit prices and delivery date; the totals are recomputed. */
    @Transactional
    Quote applyEdits(String quoteId, PriceEdit edit) {
        quotes.updatePricing(quoteId, edit.deliveryDate(), edit.lines(), edit.totals(), clock.now());
        return get(quoteId);
    }

    /** 记录客户答复 Record the customer's answer; REVISE opens the next revision. */
    @Transactional
    Quote answer(String quoteId, QuoteAnswer answer) {
        Quote quote = get(quoteId);
        Instant now = clock.now();
        switch (answer.answer()) {
            case ACCEPTED -> quotes.answer(quote.id(), QuoteStatus.ACCEPTED, null, now);
            case REJECTED -> quotes.answer(quote.id(), QuoteStatus.REJECTED, answer.rejectReason(), now);
            case REVISE -> quotes.newRevision(quote.id(), answer.reviseNote(), now);
        }
        return get(quoteId);
    }

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
}
