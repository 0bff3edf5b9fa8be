package org.leadtocash.policy;

/** What a product policy changes (form field {@code policyKind}). */
enum PolicyKind {
    NEW_PRODUCT("新产品"),
    PRICE("价格调整"),
    REBATE("返利规则");

    private final String chinese;

    PolicyKind(String chinese) {
        this.chinese = chinese;
    }

    String chinese() {
        return chinese;
    }
}
