package org.leadtocash.lead;

/** A member of the sales organisation as routing sees it. {@code role} is REP, MANAGER or DIRECTOR. */
public record SalesStaff(String userId, String displayName, String role, Region region, String mobile, boolean active) {
    public static final String REP = "REP";
    public static final String MANAGER = "MANAGER";
    public static final String DIRECTOR = "DIRECTOR";
}
