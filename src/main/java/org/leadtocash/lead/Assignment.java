package org.leadtocash.lead;

import java.time.Instant;
import java.util.List;

/**
 * Why a lead landed where it did (or why it did not): the matched rule, the candidates with their figures, who was
 * skipped and why, and the decisive criterion. {@link #text()} is what Cockpit and the rep's form show.
 * {@code moreInTeam}: the team has further reps than those listed (each list is cut at {@link LeadAssignment#SHOWN}).
 */
public record Assignment(String assignee, RoutingDecision routing, List<Candidate> candidates, boolean moreInTeam, String reason) {
    /** Longest {@link #text()} / {@link #availableRepsText()}: fits a Camunda string variable with room to spare. */
    static final int MAX_TEXT = 3000;
    private static final String MORE = " - … 团队其余销售未列出 the rest of the team is not listed\n";

    /** An assignment decided before any ranking (customer owner, open-lead holder). */
    public Assignment(String assignee, RoutingDecision routing, List<Candidate> candidates, String reason) {
        this(assignee, routing, candidates, false, reason);
    }

    public boolean assigned() {
        return assignee != null;
    }

    /** One candidate rep as assignment saw him; {@code skippedBecause} is null when he was eligible. */
    public record Candidate(String userId, String displayName, boolean preferred, int openLeads, int recentDeals,
                            Instant lastAssignedAt, String skippedBecause) {
        public boolean eligible() {
            return skippedBecause == null;
        }
    }

    public List<Candidate> skipped() {
        return candidates.stream().filter(c -> !c.eligible()).toList();
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("规则 Rule: ").append(routing.ruleName()).append(" → 团队 team ")
                .append(routing.team() == null ? "-" : routing.team());
        if (!routing.preferredReps().isEmpty()) {
            sb.append(", 优先 preferred: ").append(String.join(", ", routing.preferredReps()));
        }
        sb.append('\n');
        String outcome = (assigned() ? "分配 Assigned to: " + assignee + " — " : "未分配 Not assigned — ") + reason;
        if (!candidates.isEmpty()) {
            sb.append("候选 Candidates:\n");
            List<String> lines = candidates.stream().map(c -> " - " + c.userId() + ' ' + c.displayName()
                    + (c.preferred() ? " [优先 preferred]" : "")
                    + ": 待跟进 open " + c.openLeads() + ", 7日签约 deals " + c.recentDeals()
                    + (c.eligible() ? " → 可分配 eligible" : " → 跳过 skipped: " + c.skippedBecause()) + '\n').toList();
            appendWithinLimit(sb, lines, MAX_TEXT - outcome.length(), moreInTeam);
        }
        sb.append(outcome);
        return cut(sb.toString());
    }

    /** The reps a manager can pick from, with their figures, for the "Assign lead" form. */
    public String availableRepsText() {
        if (candidates.isEmpty()) {
            return "团队中没有销售 no reps in the team";
        }
        StringBuilder sb = new StringBuilder();
        appendWithinLimit(sb, candidates.stream()
                .map(c -> c.userId() + " " + c.displayName() + " — 待跟进 open " + c.openLeads()
                        + (c.eligible() ? "" : " (" + c.skippedBecause() + ")") + '\n').toList(), MAX_TEXT, moreInTeam);
        return cut(sb.toString().strip());
    }

    /**
     * Appends lines while the text stays within the limit, then says how many were left out: a team of hundreds of
     * reps must not make the explanation too long for a Camunda string variable (4000 characters) or the lead's
     * column (8000); the manual-assignment line is appended to it later.
     */
    private static void appendWithinLimit(StringBuilder sb, List<String> lines, int limit, boolean moreInTeam) {
        int budget = limit - 60 - MORE.length();
        for (int i = 0; i < lines.size(); i++) {
            if (sb.length() + lines.get(i).length() > budget) {
                int more = lines.size() - i;
                sb.append(" - … 另有 ").append(more).append(" 名未列出 ").append(more).append(" more not listed\n");
                break;
            }
            sb.append(lines.get(i));
        }
        if (moreInTeam) {
            sb.append(MORE);
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
