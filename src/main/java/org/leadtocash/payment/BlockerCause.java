package org.leadtocash.payment;

/** The causes a rep ticks in the "回款阻塞原因排查 Payment blocker checklist". */
enum BlockerCause {
    INVOICE_WRONG("发票信息错误", "invoice information wrong"),
    CUSTOMER_PROCESS_CHANGED("客户内部流程变更", "customer internal process changed"),
    BANK_ACCOUNT_FROZEN("银行账户冻结", "bank account frozen"),
    OTHER("其他", "other");

    private final String chinese;
    private final String english;

    BlockerCause(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }
}
