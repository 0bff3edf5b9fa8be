package org.leadtocash.policy;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** R-33 policy response speed for managers, directors and marketing. Policies are published from Tasklist. */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class PolicyController {
    private final PolicyKpi kpi;
    private final CurrentUser currentUser;

    PolicyController(PolicyKpi kpi, CurrentUser currentUser) {
        this.kpi = kpi;
        this.currentUser = currentUser;
    }

    @GetMapping("/kpi/policy-rollouts")
    public PolicyKpi.Report rollouts() {
        currentUser.requireAnyGroup(Groups.SALES_MANAGER, Groups.REGIONAL_DIRECTOR, Groups.ADMIN, Groups.MARKETING);
        return kpi.report();
    }
}
