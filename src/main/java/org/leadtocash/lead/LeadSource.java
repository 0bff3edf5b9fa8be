package org.leadtocash.lead;

/** Where a lead came from. */
public enum LeadSource {
    WEBSITE_FORM("官网表单"),
    TRADE_SHOW_QR("展会扫码"),
    PHONE_CALL("电话呼入");

    private final String chinese;

    LeadSource(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
