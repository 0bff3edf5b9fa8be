package org.leadtocash.payment;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.leadtocash.shared.TasklistFilters;
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
class PaymentTaskFilter {
    public static final String NAME = "回款任务（按逾期）Payment tasks by overdue";
    public static final String STUCK_NAME = "我的卡点 Stuck";

    private final TasklistFilters tasklistFilters;
    private final TaskService taskService;

    public PaymentTaskFilter(TasklistFilters tasklistFilters, TaskService taskService) {
        this.tasklistFilters = tasklistFilters;
        this.taskService = taskService;
    }

    /** The filter's query: assigned to the current user, payment journey only, by due date. */
    TaskQuery query() {
        return taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")
                .processDefinitionKey(PaymentJourneyProcess.KEY).orderByDueDate().asc();
    }

    /** The rep's payment tasks past their breaker (due date = the node's deadline), most overdue first. */
    TaskQuery stuckQuery() {
        return taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")
                .processDefinitionKey(PaymentJourneyProcess.KEY).dueBeforeExpression("${now()}").orderByDueDate().asc();
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(5)
    public void setUp() {
        tasklistFilters.ensureShared(NAME, -8, "我的回款任务，最逾期的在前 My payment tasks, most overdue first",
                List.of(Map.of("name", Vars.CUSTOMER_NAME, "label", "客户 Customer"),
                        Map.of("name", Vars.INVOICE_NO, "label", "发票号 Invoice"),
                        Map.of("name", Vars.AMOUNT_OUTSTANDING, "label", "未收金额 Outstanding")),
                query());
        // the cards of both filters show customer, invoice, amount and the stuck sentence through payment-cards.js
        tasklistFilters.ensureShared(STUCK_NAME, -7, "我超时的回款任务，最逾期的在前 My overdue payment tasks, most overdue first",
                stuckQuery());
    }
}
