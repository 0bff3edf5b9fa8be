package org.leadtocash.payment;

/**
 * The five nodes of the payment journey. A journey is "at" a node from the moment that milestone is reached until
 * the next one is: at ① the invoicing request is in and the customer has not yet signed for the invoice, … at ⑤ money
 * has arrived but not yet all of it.
 */
public enum JourneyNode {
    /** ① 销售提交开票申请 */
    INVOICE_SUBMITTED(1, "销售提交开票申请", "提交开票申请", "invoicing request submitted"),
    /** ② 客户签收发票 */
    INVOICE_SIGNED(2, "客户签收发票", "客户签收发票", "customer signed for the invoice"),
    /** ③ 客户采购发起付款流程 */
    PROCUREMENT_STARTED(3, "客户采购发起付款流程", "采购发起付款流程", "customer procurement started payment"),
    /** ④ 客户财务完成打款 */
    CUSTOMER_PAID(4, "客户财务完成打款", "客户财务打款", "customer finance paid"),
    /** ⑤ 我方银行到账 */
    BANK_RECEIVED(5, "我方银行到账", "银行到账", "our bank received the money");

    private static final String CIRCLED = "①②③④⑤";

    private final int number;
    private final String chinese;
    private final String shortChinese;
    private final String english;

    JourneyNode(int number, String chinese, String shortChinese, String english) {
        this.number = number;
        this.chinese = chinese;
        this.shortChinese = shortChinese;
        this.english = english;
    }

    /** 1 … 5 */
    public int number() {
        return number;
    }

    /** The node's name as in R-20, e.g. 客户采购发起付款流程. */
    public String chinese() {
        return chinese;
    }

    /** The short name used in sentences, e.g. 采购发起付款流程. */
    public String shortChinese() {
        return shortChinese;
    }

    public String english() {
        return english;
    }

    /** ① … ⑤ */
    public String circled() {
        return String.valueOf(CIRCLED.charAt(number - 1));
    }

    /** 节点③ */
    public String label() {
        return "节点" + circled();
    }

    /** The following node; ⑤ has none (null). */
    public JourneyNode next() {
        return this == BANK_RECEIVED ? null : values()[ordinal() + 1];
    }
}
