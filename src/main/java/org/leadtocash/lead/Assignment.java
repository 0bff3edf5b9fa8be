package org.leadtocash.lead;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a lead landed where it did (or why it did not): the matched rule, every candidate with his figures,
 * who was skipped and why, and the decisive criterion. {@link #text()} is what Cockpit and the rep's form show.
 */
public record Assignment(String assignee, RoutingDecision routing, List<Candidate> candidates, String reason) {

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
                .append(routing.team() == null ? "-" : routing.team().name());
        if (!routing.preferredReps().isEmpty()) {
            sb.append(", 优先 preferred: ").append(String.join(", ", routing.preferredReps()));
        }
        sb.append('\n');
        if (!candidates.isEmpty()) {
            sb.append("候选 Candidates:\n");
            for (Candidate c : candidates) {
                sb.append(" - ").append(c.userId()).append(' ').append(c.displayName())
                        .append(c.preferred() ? " [优先 preferred]" : "")
                        .append(": 待跟进 open ").append(c.openLeads())
                        .append(", 7日签约 deals ").append(c.recentDeals())
                        .append(c.eligible() ? " → 可分配 eligible" : " → 跳过 skipped: " + c.skippedBecause())
                        .append('\n');
            }
        }
        sb.append(assigned() ? "分配 Assigned to: " + assignee + " — " : "未分配 Not assigned — ").append(reason);
        return sb.toString();
    }

    /** The reps a manager can pick from, with their figures, for the "Assign lead" form. */
    public String availableRepsText() {
        if (candidates.isEmpty()) {
            return "团队中没有销售 no reps in the team";
        }
        return candidates.stream()
                .map(c -> c.userId() + " " + c.displayName() + " — 待跟进 open " + c.openLeads()
                        + (c.eligible() ? "" : " (" + c.skippedBecause() + ")"))
                .collect(Collectors.joining("\n"));
    }
}
