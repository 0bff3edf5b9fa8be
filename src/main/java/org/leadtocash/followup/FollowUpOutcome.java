package org.leadtocash.followup;

/** What a follow-up contact achieved (form field {@code followUpOutcome}); FIRST_CONTACT is the lead's first contact. */
enum FollowUpOutcome {
    FIRST_CONTACT("首次联系"),
    INTERESTED("有意向"),
    NEGOTIATING("洽谈中"),
    NO_NEED_NOW("暂无需求"),
    ORDERED("已下单");

    private final String chinese;

    FollowUpOutcome(String chinese) {
        this.chinese = chinese;
    }

    String chinese() {
        return chinese;
    }
}
