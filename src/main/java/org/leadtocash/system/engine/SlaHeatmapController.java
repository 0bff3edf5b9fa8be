package org.leadtocash.system.engine;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/heatmap/{processDefinitionId}?days=90} — the SLA heatmap of a diagram ({@link SlaHeatmap}), one call
 * per diagram for Cockpit's sla-heatmap.js with the user's Cockpit login (or HTTP Basic). Managers, directors and admins
 * only, the users with Cockpit: anyone else gets 403.
 */
@RestController
class SlaHeatmapController {
    private final SlaHeatmap heatmap;
    private final CurrentUser currentUser;

    SlaHeatmapController(SlaHeatmap heatmap, CurrentUser currentUser) {
        this.heatmap = heatmap;
        this.currentUser = currentUser;
    }

    @GetMapping(path = "/api/heatmap/{processDefinitionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    SlaHeatmap.Heatmap heatmap(@PathVariable String processDefinitionId,
                               @RequestParam(defaultValue = "" + SlaHeatmap.DEFAULT_DAYS) int days) {
        currentUser.requireAnyGroup(Groups.OVERSEERS.toArray(String[]::new));
        return heatmap.of(processDefinitionId, days);
    }
}
