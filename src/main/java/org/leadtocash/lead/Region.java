package org.leadtocash.lead;

/** Sales regions; each is one team. */
public enum Region {
    EAST("华东"),
    SOUTH("华南"),
    NORTH("华北");

    private final String chinese;

    Region(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
