package org.leadtocash.lead;

/**
 * A sales team member as sales ops enter him (form or CSV line): user id, name, role (REP, MANAGER or DIRECTOR, REP when
 * empty), region code, mobile, and the user ids of his sales manager and regional director.
 */
public record TeamMemberInput(String userId, String displayName, String role, String region, String mobile, String managerId,
                              String directorId) {
}
