package org.leadtocash.payment;

/**
 * One node of the payment journey as drawn in a deployed version of {@code bpmn/payment-journey.bpmn}: the
 * {@code camunda:property} markers of the node's wait-state user task ({@link PaymentJourneyProcess.NodeMarker}). A
 * journey is "at" a node while its token waits in that task; ① … ⑤ ship, an owner adds more in Modeler.
 *
 * @param code         the stable code stored with the journey, e.g. {@code PROCUREMENT_STARTED}
 * @param number       1, 2, …: the node's place in the journey and in every list
 * @param chinese      the node's name, e.g. 客户采购发起付款流程
 * @param shortChinese the short name used in sentences, e.g. 采购发起付款流程
 * @param english      e.g. customer procurement started payment
 * @param suggestion   what the rep should do when the node is stuck, e.g. 电话确认流程编号
 */
public record JourneyNode(String code, int number, String chinese, String shortChinese, String english,
                          String suggestion) {
    private static final int CIRCLED_ONE = 0x2460;

    /** A node no deployed version describes any more (its deployment was deleted): only its code is known. */
    static JourneyNode unknown(String code) {
        return new JourneyNode(code, 0, code, code, code, "电话跟进");
    }

    /** ① … ⑳, then (21), … */
    public String circled() {
        return number >= 1 && number <= 20 ? String.valueOf((char) (CIRCLED_ONE + number - 1)) : "(" + number + ")";
    }

    /** 节点③ */
    public String label() {
        return "节点" + circled();
    }
}
