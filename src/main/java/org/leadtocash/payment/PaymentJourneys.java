package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.leadtocash.shared.EngineAsSystem;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.leadtocash.lead.SalesStaff;
import org.leadtocash.lead.SalesTeam;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment journey's public face: start a journey for an invoice, find it, apply bank receipts to it.
 * A journey is one {@code PaymentJourneyProcess} instance with the journey id (= invoice-request id) as business key,
 * and one {@code payment_journey} row that always says where it stands.
 */
@Service
public class PaymentJourneys {
    static final int MAX_ID = 64;
    static final int MAX_INVOICE_NO = 50;
    static final String EXTERNAL_ID_PREFIX = "INV-";

    private final JourneyRepository journeys;
    private final ReceiptBook receiptBook;
    private final PaymentNodes nodes;
    private final SalesTeam salesTeam;
    private final RuntimeService runtimeService;
    private final EngineAsSystem engine;
    private final EngineClock clock;
    private final TransactionTemplate savepoint;

    public PaymentJourneys(JourneyRepository journeys, ReceiptBook receiptBook, PaymentNodes nodes,
                           SalesTeam salesTeam, RuntimeService runtimeService, EngineAsSystem engine, EngineClock clock,
                           PlatformTransactionManager transactionManager) {
        this.journeys = journeys;
        this.receiptBook = receiptBook;
        this.nodes = nodes;
        this.salesTeam = salesTeam;
        this.runtimeService = runtimeService;
        this.engine = engine;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** A start call's outcome: the journey, and whether this call created it. */
    public record Started(PaymentJourney journey, boolean created) {
    }

    /**
     * Starts the journey of an invoice: stores it at ① (the first node of the newest version) and starts that version of
     * {@code PaymentJourneyProcess}, in the caller's
     * transaction. Idempotent per invoice-request id: the same id again returns the existing journey and starts
     * nothing. Invalid input throws {@link InvalidInputException} naming every bad field.
     */
    @Transactional
    public PaymentJourney start(JourneyStart start) {
        return start(start, "system").journey();
    }

    /** @param startedBy who started it (user id, or "system" for the quote chain) */
    @Transactional
    public Started start(JourneyStart start, String startedBy) {
        JourneyDraft draft = validate(start);
        Optional<PaymentJourney> existing = journeys.find(draft.id());
        if (existing.isPresent()) {
            return new Started(existing.get(), false);
        }
        rejectTakenInvoiceNo(draft);
        Instant now = clock.now();
        String version = nodes.latest();
        String firstNode = nodes.of(version).first().code();
        try {
            savepoint.executeWithoutResult(s -> journeys.insert(draft, firstNode, startedBy, now));
        } catch (DuplicateKeyException raced) {
            // the same journey started twice at once: the other call stored it
            return journeys.find(draft.id()).map(j -> new Started(j, false)).orElseThrow(() -> {
                rejectTakenInvoiceNo(draft);
                return raced;
            });
        }
        ProcessInstance instance = engine.run(() -> runtimeService.startProcessInstanceById(version, draft.id(),
                processVariables(draft, firstNode)));
        journeys.setProcessInstance(draft.id(), instance.getId());
        return new Started(journeys.find(draft.id()).orElseThrow(), true);
    }

    /** The journey of the invoice, if it is still waiting for money. */
    @Transactional(readOnly = true)
    public Optional<PaymentJourney> findOpenByInvoiceNo(String invoiceNo) {
        if (invoiceNo == null || invoiceNo.isBlank()) {
            return Optional.empty();
        }
        return journeys.findByInvoiceNo(invoiceNo.strip()).filter(PaymentJourney::open);
    }

    /**
     * A bank receipt for the invoice (statement import or finance). Applies the amount, moves the journey to ⑤ (from
     * wherever it was: money on our account proves the nodes before), correlates the process (message
     * {@value PaymentJourneyProcess#MESSAGE_BANK_RECEIPT}) and ends it when the total is received. Runs in the
     * caller's transaction.
     *
     * @param reference the bank's transaction id; the same reference is applied to a journey at most once
     * @throws InvalidInputException when the journey cannot take it: no open journey for the invoice (invoiceNo),
     *                               amount ≤ 0 or over the outstanding sum (amount), a reference already applied
     *                               (reference), missing value date or recorder. Thrown before anything is
     *                               written, and it does not mark the caller's transaction rollback-only, so an
     *                               import can go on with its next line.
     */
    @Transactional(noRollbackFor = InvalidInputException.class)
    public ReceiptResult applyBankReceipt(String invoiceNo, BigDecimal amount, LocalDate valueDate, String reference,
                                          String recordedBy) {
        JourneyInput in = new JourneyInput();
        String number = in.text("invoiceNo", invoiceNo, MAX_INVOICE_NO, true);
        BigDecimal money = in.amount("amount", amount, true);
        LocalDate date = in.date("valueDate", valueDate, true, clock.zone());
        String ref = in.text("reference", reference, 100, false);
        String by = in.text("recordedBy", recordedBy, 64, true);
        if (date != null && date.isAfter(clock.today())) {
            in.error("valueDate", "not-future", "到账日期不能晚于今天 must not be after today");
        }
        in.check();
        PaymentJourney open = journeys.findByInvoiceNo(number).filter(PaymentJourney::open)
                .flatMap(j -> journeys.findForUpdate(j.id())).filter(PaymentJourney::open)
                .orElseThrow(() -> new InvalidInputException("invoiceNo", "open-journey",
                        "发票号 " + number + " 没有待回款的回款旅程 no open payment journey for this invoice"));
        ReceiptBook.Applied applied = receiptBook.apply(open, money, date, ref, Receipt.BANK, by, "amount", "reference");
        engine.run(() -> runtimeService.createMessageCorrelation(PaymentJourneyProcess.MESSAGE_BANK_RECEIPT)
                .processInstanceBusinessKey(open.id())
                .setVariables(applied.variables())
                .correlateWithResult());
        return applied.result();
    }

    @Transactional(readOnly = true)
    public Optional<PaymentJourney> find(String journeyId) {
        return journeyId == null ? Optional.empty() : journeys.find(journeyId);
    }

    /** The journey with everything recorded on it, if the viewer may see it (null viewer: everything). */
    @Transactional(readOnly = true)
    public JourneyView view(String journeyId, String viewer) {
        JourneyDetails details = journeys.details(journeyId)
                .filter(d -> viewer == null || viewer.equals(d.journey().repId()))
                .orElseThrow(() -> new NotFoundException("payment journey " + journeyId + " not found"));
        return new JourneyView(details, journeys.receipts(journeyId), journeys.checks(journeyId));
    }

    /** Journeys, newest first; a rep's own (viewer) or everyone's (null). */
    @Transactional(readOnly = true)
    public List<PaymentJourney> list(String viewer, String status, int limit) {
        if (status != null && !PaymentJourney.OPEN.equals(status) && !PaymentJourney.PAID.equals(status)) {
            throw new InvalidInputException("status", "one-of", "must be OPEN or PAID");
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "range", "must be between 1 and 500");
        }
        return journeys.list(viewer, status, limit);
    }

    /** A journey with its receipts and breaker firings / checklists. */
    public record JourneyView(JourneyDetails details, List<Receipt> receipts, List<BlockerCheck> blockerChecks) {
    }

    // --- the Tasklist start form (finance, an invoice raised elsewhere) -------------------------------------------

    /**
     * Registers a journey entered by finance through the start form, in the starting process instance. Only members
     * of {@code finance} may; invalid input rolls the start back with the fields named. Returns the process variables.
     */
    @Transactional
    Map<String, Object> registerFromStartForm(Map<String, Object> form, String initiator, Collection<String> groups,
                                              String processInstanceId, String processDefinitionId) {
        if (initiator == null || groups == null || !groups.contains(Groups.FINANCE)) {
            throw new InvalidInputException("journeyInitiator", "finance-only",
                    "只有财务可以发起回款旅程 only finance may start a payment journey");
        }
        JourneyDraft draft = validate(form.get(Vars.INVOICE_REQUEST_ID), form.get(Vars.INVOICE_NO),
                form.get(Vars.CUSTOMER_ID), form.get(Vars.CUSTOMER_NAME), form.get(Vars.REP_ID), form.get(Vars.AMOUNT_DUE),
                form.get(Vars.INVOICE_DATE), form.get(Vars.PROCUREMENT_CONTACT_NAME),
                form.get(Vars.PROCUREMENT_CONTACT_MOBILE), form.get(Vars.PROJECT_NAME));
        if (journeys.find(draft.id()).isPresent()) {
            throw new InvalidInputException(Vars.INVOICE_REQUEST_ID, "unique",
                    "回款旅程 " + draft.id() + " 已存在 a payment journey with this id exists already");
        }
        rejectTakenInvoiceNo(draft);
        Instant now = clock.now();
        String firstNode = nodes.of(processDefinitionId).first().code();
        journeys.insert(draft, firstNode, initiator, now);
        journeys.setProcessInstance(draft.id(), processInstanceId);
        return processVariables(draft, firstNode);
    }

    /** True when the journey row was stored by {@link #start} for this very instance (the only legal journeyId). */
    boolean startedFor(Object journeyId, String processInstanceId) {
        return journeyId instanceof String id && journeys.find(id)
                .filter(j -> j.processInstanceId() == null || j.processInstanceId().equals(processInstanceId))
                .isPresent();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private JourneyDraft validate(JourneyStart s) {
        if (s == null) {
            throw new InvalidInputException("body", "required", "the journey start is missing");
        }
        return validate(s.invoiceRequestId(), s.invoiceNo(), s.customerId(), s.customerName(), s.repId(), s.amountDue(),
                s.invoiceDate(), s.procurementContactName(), s.procurementContactMobile(), s.projectName());
    }

    /** Every rule on every field at once; values as the API or the start form send them. */
    private JourneyDraft validate(Object invoiceRequestId, Object invoiceNoValue, Object customerIdValue,
                                  Object customerNameValue, Object repIdValue, Object amountDueValue,
                                  Object invoiceDateValue, Object contactNameValue, Object contactMobileValue,
                                  Object projectNameValue) {
        JourneyInput in = new JourneyInput();
        String invoiceNo = in.text("invoiceNo", invoiceNoValue, MAX_INVOICE_NO, true);
        String requestId = in.text("invoiceRequestId", invoiceRequestId, MAX_ID, false);
        if (requestId != null && !requestId.matches("[A-Za-z0-9][A-Za-z0-9._:-]*")) {
            in.error("invoiceRequestId", "pattern", "letters, digits and . _ : - only");
        }
        if (requestId == null && invoiceNo != null) {
            requestId = EXTERNAL_ID_PREFIX + invoiceNo;
            if (requestId.length() > MAX_ID) {
                in.error("invoiceNo", "max-length", "must be at most " + (MAX_ID - EXTERNAL_ID_PREFIX.length())
                        + " characters when no invoiceRequestId is given");
            }
        }
        if (invoiceNo != null && !invoiceNo.matches("[A-Za-z0-9][A-Za-z0-9/_-]*")) {
            in.error("invoiceNo", "pattern", "发票号只能包含字母、数字和 / _ - letters, digits and / _ - only");
        }
        String customerId = in.text("customerId", customerIdValue, 36, false);
        String customerName = in.text("customerName", customerNameValue, 200, true);
        String repId = in.text("repId", repIdValue, 64, true);
        if (repId != null) {
            Optional<SalesStaff> rep = salesTeam.find(repId);
            if (rep.isEmpty() || !SalesStaff.REP.equals(rep.get().role())) {
                in.error("repId", "known-rep", "销售 " + repId + " 不在销售名单中 is not a rep on the sales roster");
            }
        }
        BigDecimal amountDue = in.amount("amountDue", amountDueValue, true);
        LocalDate invoiceDate = in.date("invoiceDate", invoiceDateValue, false, clock.zone());
        if (invoiceDate != null && invoiceDate.isAfter(clock.today())) {
            in.error("invoiceDate", "not-future", "开票日期不能晚于今天 must not be after today");
        }
        String contactName = in.text("procurementContactName", contactNameValue, 50, false);
        String contactMobile = in.mobile("procurementContactMobile", contactMobileValue, false);
        String projectName = in.text("projectName", projectNameValue, 200, false);
        in.check();
        return new JourneyDraft(requestId, invoiceNo, customerId, customerName, repId, amountDue, invoiceDate,
                contactName, contactMobile, projectName);
    }

    private void rejectTakenInvoiceNo(JourneyDraft draft) {
        journeys.findByInvoiceNo(draft.invoiceNo()).filter(j -> !j.id().equals(draft.id())).ifPresent(j -> {
            throw new InvalidInputException("invoiceNo", "unique", "发票号 " + draft.invoiceNo()
                    + " 已有回款旅程 already has payment journey " + j.id());
        });
    }

    private Map<String, Object> processVariables(JourneyDraft d, String firstNode) {
        Map<String, Object> vars = new HashMap<>();
        // the node's deadline comes from the breaker drawn in the version that runs: the node's task sets it
        vars.put(Vars.NODE, firstNode);
        vars.put(Vars.JOURNEY_ID, d.id());
        vars.put(Vars.INVOICE_NO, d.invoiceNo());
        vars.put(Vars.CUSTOMER_ID, d.customerId());
        vars.put(Vars.CUSTOMER_NAME, d.customerName());
        vars.put(Vars.PROJECT_NAME, d.projectName());
        vars.put(Vars.REP_ID, d.repId());
        // doubles for the forms; the exact amounts stay in payment_journey
        vars.put(Vars.AMOUNT_DUE, d.amountDue().doubleValue());
        vars.put(Vars.AMOUNT_RECEIVED, 0.0d);
        vars.put(Vars.AMOUNT_OUTSTANDING, d.amountDue().doubleValue());
        vars.put(Vars.INVOICE_DATE, d.invoiceDate() == null ? null : d.invoiceDate().toString());
        vars.put(Vars.PROCUREMENT_CONTACT_NAME, d.procurementContactName());
        vars.put(Vars.PROCUREMENT_CONTACT_MOBILE, d.procurementContactMobile());
        vars.put(Vars.PAID_IN_FULL, false);
        return vars;
    }
}
