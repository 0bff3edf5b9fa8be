package org.leadtocash.system.identity;

import org.leadtocash.shared.TasklistFilters;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Groups, their authorizations and the shared Tasklist filters: in every set-up, created idempotently at start.
 * Users are not created here (the demo set-up creates demo users; production creates real ones in Camunda Admin).
 * <ul>
 * <li>sales-rep: Tasklist; may start lead entry, trip entry and quotes; sees only tasks given to him (the engine
 * grants the assignee his task).</li>
 * <li>sales-manager, regional-director: Cockpit and Tasklist, read every definition, instance, task and history;
 * may retry failed jobs; directors also deploy (Modeler's deploy button) to change routing rules. Both open Camunda
 * Admin for the sales team page (the team API checks their groups; Camunda users and groups stay read-only to them).</li>
 * <li>legal, finance: Tasklist (tasks of their candidate group); legal also publishes clause versions; finance also
 * opens payment journeys (only those) in Cockpit, read-only, from the breaker alert's link.</li>
 * <li>marketing: Tasklist; publishes product policies .</li>
 * <li>camunda-admin: everything.</li>
 * <li>metrics: no Camunda permission; its members (Prometheus's own user) may read {@code /actuator/prometheus}.</li>
 * </ul>
 */
@Component
public class IdentitySetup {
    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);
    public static final String FILTER_MY_TASKS = "我的任务 My tasks";
    public static final String FILTER_GROUP_TASKS = "我组的任务 My group tasks";

    private static final Map<String, String> GROUP_NAMES = Map.of(
            org.leadtocash.shared.Groups.SALES_REP, "销售 Sales reps",
            org.leadtocash.shared.Groups.SALES_MANAGER, "销售主管 Sales managers",
            org.leadtocash.shared.Groups.REGIONAL_DIRECTOR, "区域总监 Regional directors",
            org.leadtocash.shared.Groups.LEGAL, "法务 Legal",
            org.leadtocash.shared.Groups.FINANCE, "财务 Finance",
            org.leadtocash.shared.Groups.ADMIN, "管理员 Camunda administrators",
            org.leadtocash.shared.Groups.METRICS, "监控 Metrics (Prometheus)",
            org.leadtocash.shared.Groups.MARKETING, "市场部 Marketing");

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final TasklistFilters tasklistFilters;
    private final TaskService taskService;

    public IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
                         TasklistFilters tasklistFilters, TaskService taskService) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.tasklistFilters = tasklistFilters;
        this.taskService = taskService;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void setUp() {
        GROUP_NAMES.forEach(this::ensureGroup);

        String rep = org.leadtocash.shared.Groups.SALES_REP;
        grant(rep, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(rep, Resources.PROCESS_DEFINITION, "LeadRoutingProcess", Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(rep, Resources.PROCESS_DEFINITION, "BusinessTripProcess", Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(rep, Resources.PROCESS_DEFINITION, "QuoteToInvoiceProcess", Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(rep, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
        // reps work follow-up and policy tasks in Tasklist (the processes start on their own or from marketing)
        grant(rep, Resources.PROCESS_DEFINITION, "CustomerFollowUpProcess", Permissions.READ);
        grant(rep, Resources.PROCESS_DEFINITION, "PolicyRolloutProcess", Permissions.READ);

        // legal publishes clause versions from Tasklist (only legal may: the delegate checks the group too)
        String legal = org.leadtocash.shared.Groups.LEGAL;
        grant(legal, Resources.PROCESS_DEFINITION, "ClausePublishProcess", Permissions.READ, Permissions.CREATE_INSTANCE);
        // and keeps the clause types and which products need them (directors keep the products: ProductUpkeepProcess)
        grant(legal, Resources.PROCESS_DEFINITION, "ClauseTypeProcess", Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(legal, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);

        // marketing (and directors, as overseers) publish product policies from Tasklist (the delegate checks the group too)
        String marketing = org.leadtocash.shared.Groups.MARKETING;
        grant(marketing, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(marketing, Resources.PROCESS_DEFINITION, "PolicyRolloutProcess", Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(marketing, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);

        for (String overseer : List.of(org.leadtocash.shared.Groups.SALES_MANAGER,
                org.leadtocash.shared.Groups.REGIONAL_DIRECTOR)) {
            grant(overseer, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(overseer, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            // Camunda Admin for its "销售团队 Sales team" page only: users and groups stay read-only for them (below)
            grant(overseer, Resources.APPLICATION, "admin", Permissions.ACCESS);
            grant(overseer, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_INSTANCE,
                    Permissions.READ_HISTORY, Permissions.READ_TASK, Permissions.CREATE_INSTANCE, Permissions.UPDATE_INSTANCE);
            grant(overseer, Resources.PROCESS_INSTANCE, ANY, Permissions.READ, Permissions.CREATE, Permissions.UPDATE);
            grant(overseer, Resources.TASK, ANY, Permissions.READ, Permissions.UPDATE);
            grant(overseer, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
            grant(overseer, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
            grant(overseer, Resources.DEPLOYMENT, ANY, Permissions.READ);
            grant(overseer, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
            grant(overseer, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
            grant(overseer, Resources.USER, ANY, Permissions.READ);
            grant(overseer, Resources.GROUP, ANY, Permissions.READ);
        }
        // a director changes the routing table in Modeler and deploys it
        grant(org.leadtocash.shared.Groups.REGIONAL_DIRECTOR, Resources.DEPLOYMENT, ANY, Permissions.CREATE);
        for (String desk : List.of(org.leadtocash.shared.Groups.LEGAL, org.leadtocash.shared.Groups.FINANCE)) {
            grant(desk, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        }
        // finance starts a payment journey for an invoice raised elsewhere (Tasklist start form)
        String finance = org.leadtocash.shared.Groups.FINANCE;
        grant(finance, Resources.PROCESS_DEFINITION, "PaymentJourneyProcess", Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(finance, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
        // and opens the payment breaker alert's link to the journey in Cockpit: Cockpit, and reading the journeys'
        // instances (no other process, no task, no change)
        grant(finance, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(finance, Resources.PROCESS_DEFINITION, "PaymentJourneyProcess", Permissions.READ_INSTANCE);
        for (Resources resource : Resources.values()) {
            grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
        }

        tasklistFilters.ensureShared(FILTER_MY_TASKS, -10, "分配给我的任务 Tasks assigned to me",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        tasklistFilters.ensureShared(FILTER_GROUP_TASKS, -5, "我所在组可领取的任务 Unclaimed tasks of my groups",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned());
    }

    private void ensureGroup(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(Groups.GROUP_TYPE_WORKFLOW);
            identityService.saveGroup(group);
            log.info("Created group {}", id);
        }
    }

    /** Adds the permissions to the group's grant on the resource, creating the grant if needed. */
    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization auth = authorizationService.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).singleResult();
        if (auth == null) {
            auth = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            auth.setGroupId(groupId);
            auth.setResource(resource);
            auth.setResourceId(resourceId);
        }
        boolean changed = auth.getId() == null;
        for (Permission p : permissions) {
            if (!auth.isPermissionGranted(p)) {
                auth.addPermission(p);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(auth);
        }
    }
}
