package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Applies money to a journey, whoever reports it (bank-statement import or finance in Tasklist): the receipt is
 * stored, the amount received goes up, the journey is at ⑤ (the node marked {@code paymentNodeOnReceipt=true} in the
 * version it runs) from the first money on (an early receipt at ①–④ skips the nodes in between: money on our account
 * proves them) and PAID when the whole amount is in.
 */
@Component
class ReceiptBook {
    private final JourneyRepository journeys;
    private final PaymentBreakers breakers;
    private final PaymentNodes nodes;
    private final EngineClock clock;

    ReceiptBook(JourneyRepository journeys, PaymentBreakers breakers, PaymentNodes nodes, EngineClock clock) {
        this.journeys = journeys;
        this.breakers = breakers;
        this.nodes = nodes;
        this.clock = clock;
    }

    /** The outcome and the process variables that go with it. */
    record Applied(ReceiptResult result, Map<String, Object> variables) {
    }

    /**
     * @param journey      read with {@link JourneyRepository#findForUpdate}, open
     * @param amountField  the input field the amount came from, for error messages
     */
    Applied apply(PaymentJourney journey, BigDecimal amount, LocalDate valueDate, String reference, String source,
                  String recordedBy, String amountField, String referenceField) {
        BigDecimal outstanding = journey.amountOutstanding();
        if (amount.compareTo(outstanding) > 0) {
            throw new InvalidInputException(amountField, "not-over-outstanding", "到账金额 ¥" + amount.toPlainString()
                    + " 超过未收金额 exceeds the outstanding ¥" + outstanding.toPlainString() + " of invoice "
                    + journey.invoiceNo());
        }
        if (reference != null && journeys.receiptReferenceUsed(journey.id(), reference)) {
            throw new InvalidInputException(referenceField, "applied-once", "流水号 " + reference
                    + " 已入账 was already applied to invoice " + journey.invoiceNo());
        }
        Instant now = clock.now();
        journeys.insertReceipt(journey.id(), amount, valueDate, reference, source, journey.node(), recordedBy, now);
        BigDecimal received = journey.amountReceived().add(amount);
        boolean paidInFull = received.compareTo(journey.amountDue()) == 0;
        String version = nodes.definitionOf(journey.processInstanceId());
        String receiptNode = nodes.of(version).receiptNode();
        if (receiptNode == null) {
            throw new IllegalStateException(version + ": no payment node is marked "
                    + PaymentJourneyProcess.NodeMarker.ON_RECEIPT + "=true: a bank receipt has no node to move the journey to");
        }
        if (!journey.node().equals(receiptNode)) {
            journeys.moveTo(journey.id(), receiptNode, now);
        } else {
            journeys.touch(journey.id(), now);
        }
        journeys.setReceived(journey.id(), received, paidInFull ? now : null);
        BigDecimal left = journey.amountDue().subtract(received);
        Map<String, Object> vars = new HashMap<>(breakers.nodeVariables(version, receiptNode, now));
        vars.put(Vars.AMOUNT_RECEIVED, received.doubleValue());
        vars.put(Vars.AMOUNT_OUTSTANDING, left.doubleValue());
        vars.put(Vars.PAID_IN_FULL, paidInFull);
        return new Applied(new ReceiptResult(journey.id(), amount, received, left, paidInFull), vars);
    }
}
