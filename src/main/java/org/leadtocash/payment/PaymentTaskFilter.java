package org.leadtocash.payment;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filter "回款任务（按逾期）Payment tasks by overdue": the logged-in user's payment-journey tasks,
 * earliest due date first. A node task is due when its 48 h run out, so the most overdue payment comes first; blocker
 * checklists are due a day after the breaker fired. Created idempotently at start, readable by every user.
 */
@Component
public class PaymentTaskFilter {
    public static final String NAME = "回款任务（按逾期）Payment tasks by overdue";
    private static final Logger log = LoggerFactory.getLogger(PaymentTaskFilter.class);

    private final FilterService filterService;
    private final AuthorizationService authorizationService;
    private final TaskService taskService;

    public PaymentTaskFilter(FilterService filterService, AuthorizationService authorizationService, TaskService taskService) {
        this.filterService = filterService;
        this.authorizationService = authorizationService;
        this.taskService = taskService;
    }

    /** The filter's query: assigned to the current user, payment journey only, by due date. */
    TaskQuery query() {
        return taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")
                .processDefinitionKey(PaymentJourneyProcess.KEY).orderByDueDate().asc();
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(5)
    public void setUp() {
        Filter filter = filterService.createFilterQuery().filterName(NAME).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(NAME);
            filter.setOwner(null);
            filter.setQuery(query());
            filter.setProperties(Map.of("priority", -8,
                    "description", "我的回款任务，最逾期的在前 My payment tasks, most overdue first",
                    "refresh", true,
                    "variables", List.of(
                            Map.of("name", Vars.CUSTOMER_NAME, "label", "客户 Customer"),
                            Map.of("name", Vars.INVOICE_NO, "label", "发票号 Invoice"),
                            Map.of("name", Vars.AMOUNT_OUTSTANDING, "label", "未收金额 Outstanding"))));
            filterService.saveFilter(filter);
            log.info("Created Tasklist filter {}", NAME);
        }
        // every user may read it: a GLOBAL authorization (Camunda ignores GRANT authorizations for user id "*")
        Authorization auth = authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GLOBAL)
                .resourceType(Resources.FILTER).resourceId(filter.getId()).singleResult();
        if (auth == null) {
            auth = authorizationService.createNewAuthorization(AUTH_TYPE_GLOBAL);
            auth.setUserId(ANY);
            auth.setResource(Resources.FILTER);
            auth.setResourceId(filter.getId());
            auth.addPermission(Permissions.READ);
            authorizationService.saveAuthorization(auth);
        }
    }
}
