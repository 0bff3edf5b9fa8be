package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a journey stands, node by node. A journey reaches a node when the token enters the node's task
 * ({@link #reached}, any node drawn in the diagram); what the rep records at ①–③ and what finance confirms at ④/⑤ is
 * stored by the record delegates inside the task completion: invalid input rolls the completion back with the fields
 * named. Each returns the process variables to set.
 */
@Service
class JourneyProgress {
    private final JourneyRepository journeys;
    private final ReceiptBook receiptBook;
    private final PaymentBreakers breakers;
    private final PaymentNodes nodes;
    private final EngineClock clock;

    public JourneyProgress(JourneyRepository journeys, ReceiptBook receiptBook, PaymentBreakers breakers,
                           PaymentNodes nodes, EngineClock clock) {
        this.journeys = journeys;
        this.receiptBook = receiptBook;
        this.breakers = breakers;
        this.nodes = nodes;
        this.clock = clock;
    }

    /**
     * The token entered the task of node {@code code} in process version {@code processDefinitionId}: the journey is at
     * that node from now on (unless it is already, e.g. back at ⑤ after a partial receipt), and the node's variables say
     * so, its deadline as drawn on that node's breaker.
     */
    @Transactional
    public Map<String, Object> reached(String journeyId, String code, String processDefinitionId) {
        PaymentJourney journey = journeys.findForUpdate(journeyId)
                .orElseThrow(() -> new IllegalStateException("payment journey " + journeyId + " does not exist"));
        Instant since = journey.nodeSince();
        if (!code.equals(journey.node())) {
            since = clock.now();
            journeys.moveTo(journey.id(), code, since);
        }
        return new HashMap<>(breakers.nodeVariables(processDefinitionId, code, since));
    }

    /** The journey's process ended: its stay at the node it was at (if still open) ends now. */
    @Transactional
    public void ended(String journeyId) {
        journeys.leaveNode(journeyId, clock.now());
    }

    /** ② 客户签收发票: signed date, the procurement contact and when the customer expects to pay (for the R-21 SMS). */
    @Transactional
    public Map<String, Object> recordInvoiceSigned(Where where, Object signedDate, Object expectedPaymentDate,
                                                   Object contactName, Object contactMobile) {
        PaymentJourney journey = at(where);
        JourneyInput in = new JourneyInput();
        LocalDate signed = in.date(Vars.INVOICE_SIGNED_DATE, signedDate, true, clock.zone());
        LocalDate expected = in.date(Vars.EXPECTED_PAYMENT_DATE, expectedPaymentDate, true, clock.zone());
        String name = in.text(Vars.PROCUREMENT_CONTACT_NAME, contactName, 50, true);
        String mobile = in.mobile(Vars.PROCUREMENT_CONTACT_MOBILE, contactMobile, true);
        LocalDate today = clock.today();
        if (signed != null && signed.isAfter(today)) {
            in.error(Vars.INVOICE_SIGNED_DATE, "not-future", "签收日期不能晚于今天 must not be after today");
        }
        if (expected != null && expected.isBefore(today)) {
            in.error(Vars.EXPECTED_PAYMENT_DATE, "not-past", "预计付款日期不能早于今天 must be today or later");
        }
        in.check();
        journeys.recordInvoiceSigned(journey.id(), signed, expected, name, mobile);
        Map<String, Object> vars = legacyMove(journey, where);
        vars.put(Vars.INVOICE_SIGNED_DATE, signed.toString());
        vars.put(Vars.EXPECTED_PAYMENT_DATE, expected.toString());
        vars.put(Vars.PROCUREMENT_CONTACT_NAME, name);
        vars.put(Vars.PROCUREMENT_CONTACT_MOBILE, mobile);
        return vars;
    }

    /** ③ 客户采购发起付款流程: the customer's payment process / reference number, and since when. */
    @Transactional
    public Map<String, Object> recordProcurementStarted(Where where, Object reference, Object startedDate) {
        PaymentJourney journey = at(where);
        JourneyInput in = new JourneyInput();
        String ref = in.text(Vars.PROCUREMENT_REFERENCE, reference, 100, true);
        LocalDate started = in.date(Vars.PROCUREMENT_STARTED_DATE, startedDate, true, clock.zone());
        if (started != null && started.isAfter(clock.today())) {
            in.error(Vars.PROCUREMENT_STARTED_DATE, "not-future", "发起日期不能晚于今天 must not be after today");
        }
        in.check();
        journeys.recordProcurementStarted(journey.id(), ref, started);
        Map<String, Object> vars = legacyMove(journey, where);
        vars.put(Vars.PROCUREMENT_REFERENCE, ref);
        vars.put(Vars.PROCUREMENT_STARTED_DATE, started.toString());
        return vars;
    }

    /** ④ 客户财务完成打款: when and how much the customer says it paid (the bank confirms at ⑤). */
    @Transactional
    public Map<String, Object> recordCustomerPaid(Where where, Object paidDate, Object paidAmount) {
        PaymentJourney journey = at(where);
        JourneyInput in = new JourneyInput();
        LocalDate paid = in.date(Vars.CUSTOMER_PAID_DATE, paidDate, true, clock.zone());
        BigDecimal amount = in.amount(Vars.CUSTOMER_PAID_AMOUNT, paidAmount, true);
        if (paid != null && paid.isAfter(clock.today())) {
            in.error(Vars.CUSTOMER_PAID_DATE, "not-future", "打款日期不能晚于今天 must not be after today");
        }
        if (amount != null && amount.compareTo(journey.amountOutstanding()) > 0) {
            in.error(Vars.CUSTOMER_PAID_AMOUNT, "not-over-outstanding", "打款金额超过未收金额 exceeds the outstanding ¥"
                    + journey.amountOutstanding().toPlainString());
        }
        in.check();
        journeys.recordCustomerPaid(journey.id(), paid, amount);
        Map<String, Object> vars = legacyMove(journey, where);
        vars.put(Vars.CUSTOMER_PAID_DATE, paid.toString());
        vars.put(Vars.CUSTOMER_PAID_AMOUNT, amount.doubleValue());
        return vars;
    }

    /** ⑤ 我方银行到账, confirmed by finance in Tasklist (at ④, or at ⑤ for the rest of a partial payment). */
    @Transactional
    public Map<String, Object> recordFinanceReceipt(String journeyId, Object amount, Object valueDate, Object reference,
                                                    String recordedBy) {
        JourneyInput in = new JourneyInput();
        BigDecimal money = in.amount(Vars.RECEIPT_AMOUNT, amount, true);
        LocalDate date = in.date(Vars.RECEIPT_VALUE_DATE, valueDate, true, clock.zone());
        String ref = in.text(Vars.RECEIPT_REFERENCE, reference, 100, false);
        if (date != null && date.isAfter(clock.today())) {
            in.error(Vars.RECEIPT_VALUE_DATE, "not-future", "到账日期不能晚于今天 must not be after today");
        }
        if (recordedBy == null) {
            in.error("recordedBy", "required", "a logged-in finance user must confirm the receipt");
        }
        in.check();
        PaymentJourney journey = journeys.findForUpdate(journeyId).filter(PaymentJourney::open)
                .orElseThrow(() -> new IllegalStateException("payment journey " + journeyId + " is not open"));
        ReceiptBook.Applied applied = receiptBook.apply(journey, money, date, ref, Receipt.FINANCE, recordedBy,
                Vars.RECEIPT_AMOUNT, Vars.RECEIPT_REFERENCE);
        Map<String, Object> vars = new HashMap<>(applied.variables());
        // the next confirmation starts with an empty form
        vars.put(Vars.RECEIPT_AMOUNT, null);
        vars.put(Vars.RECEIPT_VALUE_DATE, null);
        vars.put(Vars.RECEIPT_REFERENCE, null);
        return vars;
    }

    /**
     * Where the process that records something is: the journey, the node its variables say it is at (the node whose task
     * was just completed), and the process version.
     */
    record Where(String journeyId, String node, String processDefinitionId) {
    }

    static Where where(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
        return new Where((String) execution.getVariable(Vars.JOURNEY_ID), (String) execution.getVariable(Vars.NODE),
                execution.getProcessDefinitionId());
    }

    /** The journey, locked, if it is open and at the node the process is at; else the completion is refused. */
    private PaymentJourney at(Where where) {
        PaymentJourney journey = journeys.findForUpdate(where.journeyId())
                .orElseThrow(() -> new IllegalStateException("payment journey " + where.journeyId() + " does not exist"));
        if (!journey.open() || !journey.node().equals(where.node())) {
            JourneyNode actual = nodes.node(where.processDefinitionId(), journey.node());
            String expected = where.node() == null ? "?" : nodes.node(where.processDefinitionId(), where.node()).label();
            throw new InvalidInputException(Vars.NODE, "current-node", "回款旅程已在 the journey is at "
                    + actual.label() + " " + actual.chinese() + ", not at " + expected);
        }
        return journey;
    }

    /**
     * A version drawn before nodes were marked has no node listener on its tasks: the journey moves to the next node
     * there as it always did, when the rep's record is stored. In a marked version the next node's task moves it.
     */
    private Map<String, Object> legacyMove(PaymentJourney journey, Where where) {
        PaymentNodes.Drawn drawn = nodes.of(where.processDefinitionId());
        if (drawn.marked()) {
            return new HashMap<>();
        }
        JourneyNode next = drawn.after(where.node()).orElseThrow(() -> new IllegalStateException(
                where.processDefinitionId() + ": no node after " + where.node()));
        Instant now = clock.now();
        journeys.moveTo(journey.id(), next.code(), now);
        return new HashMap<>(breakers.nodeVariables(where.processDefinitionId(), next.code(), now));
    }
}
