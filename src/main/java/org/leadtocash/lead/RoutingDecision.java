package org.leadtocash.lead;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The matched row of the {@code leadRouting} DMN table: which rule, which team (a region code), which reps to prefer.
 * No matching row: the lead's own region is the team, so a region added as data routes without a table row.
 */
public record RoutingDecision(String ruleName, String team, List<String> preferredReps) {

    /** Reads the decision's single result (output names ruleName, team, preferredReps). */
    public static RoutingDecision from(Map<String, Object> result, String fallbackTeam) {
        if (result == null) {
            return new RoutingDecision("无匹配规则 no rule matched", fallbackTeam, List.of());
        }
        Object team = result.get("team");
        String region = team == null || team.toString().isBlank() ? fallbackTeam : team.toString().strip();
        Object preferred = result.get("preferredReps");
        List<String> reps = preferred == null ? List.of()
                : Arrays.stream(preferred.toString().split("[,，;\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        Object rule = result.get("ruleName");
        return new RoutingDecision(rule == null ? "(unnamed rule)" : rule.toString(), region, reps);
    }
}
