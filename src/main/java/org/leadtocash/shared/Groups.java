package org.leadtocash.shared;

import java.util.List;

/** The Camunda groups the application knows. Group ids are part of the public contract (BPMN candidate groups use them). */
public final class Groups {
    public static final String SALES_REP = "sales-rep";
    public static final String SALES_MANAGER = "sales-manager";
    public static final String REGIONAL_DIRECTOR = "regional-director";
    public static final String LEGAL = "legal";
    public static final String FINANCE = "finance";
    public static final String ADMIN = "camunda-admin";
    /** Prometheus's own user reads {@code /actuator/prometheus} as a member of this group (and of no other). */
    public static final String METRICS = "metrics";
    /** publishes product policies */
    public static final String MARKETING = "marketing";

    public static final List<String> ALL = List.of(SALES_REP, SALES_MANAGER, REGIONAL_DIRECTOR, LEGAL, FINANCE, ADMIN, MARKETING);

    /** Groups that read every lead, customer and process instance (Cockpit and the app's API). */
    public static final List<String> OVERSEERS = List.of(SALES_MANAGER, REGIONAL_DIRECTOR, ADMIN);

    private Groups() {
    }
}
