package org.leadtocash.lead;

/**
 * A member of the sales organisation as routing sees it. {@code role} is REP, MANAGER or DIRECTOR; {@code region} is a
 * region code ({@link Regions}); {@code managerId} and {@code directorId} name his sales manager and regional director.
 */
public record SalesStaff(String userId, String displayName, String role, String region, String mobile, boolean active,
                         String managerId, String directorId) {
    public static final String REP = "REP";
    public static final String MANAGER = "MANAGER";
    public static final String DIRECTOR = "DIRECTOR";

    /** A member without a recorded manager or director. */
    public SalesStaff(String userId, String displayName, String role, String region, String mobile, boolean active) {
        this(userId, displayName, role, region, mobile, active, null, null);
    }
}
