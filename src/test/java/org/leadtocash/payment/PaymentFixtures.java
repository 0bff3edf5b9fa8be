package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Test fixtures of the payment journey: empties its tables and builds valid journey starts. */
@Component
public class PaymentFixtures {
    /**
     * The five nodes as shipped in {@code bpmn/payment-journey.bpmn}, written out here (not read from the diagram) so tests
     * check what the code reads from it: code, label, name, the node's task and its breaker.
     */
    public record ShippedNode(String code, String label, String chinese, String task, String breaker) {
    }

    public static final List<ShippedNode> SHIPPED_NODES = List.of(
            new ShippedNode("INVOICE_SUBMITTED", "节点①", "销售提交开票申请", "Task_AwaitInvoiceSigned",
                    "BoundaryEvent_InvoiceSubmittedBreaker"),
            new ShippedNode("INVOICE_SIGNED", "节点②", "客户签收发票", "Task_AwaitProcurementStarted",
                    "BoundaryEvent_InvoiceSignedBreaker"),
            new ShippedNode("PROCUREMENT_STARTED", "节点③", "客户采购发起付款流程", "Task_AwaitCustomerPaid",
                    "BoundaryEvent_ProcurementStartedBreaker"),
            new ShippedNode("CUSTOMER_PAID", "节点④", "客户财务完成打款", "Task_ConfirmBankReceipt",
                    "BoundaryEvent_CustomerPaidBreaker"),
            new ShippedNode("BANK_RECEIVED", "节点⑤", "我方银行到账", "Task_ConfirmRemainingReceipt",
                    "BoundaryEvent_BankReceivedBreaker"));

    /** The shipped node with this code. */
    public static ShippedNode shipped(String code) {
        return SHIPPED_NODES.stream().filter(n -> n.code().equals(code)).findFirst().orElseThrow();
    }

    private static final AtomicInteger SEQ = new AtomicInteger();
    private final JdbcClient jdbc;

    public PaymentFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empties the payment journey tables (call after TestData.reset(), which deletes the process instances). */
    public void reset() {
        for (String table : new String[] {"payment_blocker_cause", "payment_blocker_check", "payment_receipt",
                "payment_node_visit", "payment_journey"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    /** A valid start for rep zhangwei: ¥128,000.00 owed by "A医院", a fresh invoice-request id and invoice number. */
    public static JourneyStart start() {
        int n = SEQ.incrementAndGet();
        return new JourneyStart("IR-TEST-" + n, "FP" + String.format("%08d", n), null, "A医院", "zhangwei",
                new BigDecimal("128000.00"), LocalDate.of(2025, 6, 2), "王采购", "13912345678", null);
    }

    public static JourneyStart start(String repId, String customerName, String amountDue) {
        JourneyStart s = start();
        return new JourneyStart(s.invoiceRequestId(), s.invoiceNo(), null, customerName, repId, new BigDecimal(amountDue),
                s.invoiceDate(), s.procurementContactName(), s.procurementContactMobile(), null);
    }
}
