package org.leadtocash.lead;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.leadtocash.notify.Channel;
import org.leadtocash.notify.NotificationRequest;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.notify.NotificationTask;
import org.leadtocash.notify.Recipient;
import org.leadtocash.notify.TaskLinks;
import org.springframework.stereotype.Service;

/**
 * The 2 h and 4 h escalations. Each send carries an idempotency key of process instance, timer
 * activity and occurrence (the execution the timer created), so a retried job never sends twice. The hours in the text
 * are the ones drawn on the timer of the lead's own process version ({@link LeadSla}). The unassigned alert links to
 * the managers' 分配线索 Assign lead task, or — while the lead is still being routed or its routing failed — to the
 * instance in Cockpit, which managers open.
 */
@Service
class LeadEscalations {
    private final LeadRepository leads;
    private final StaffRepository staff;
    private final NotificationService notifications;
    private final LeadSla sla;
    private final RuntimeService runtimeService;
    private final Regions regions;
    private final TaskService taskService;
    private final TaskLinks links;

    public LeadEscalations(LeadRepository leads, StaffRepository staff, NotificationService notifications, LeadSla sla,
                           RuntimeService runtimeService, Regions regions, TaskService taskService, TaskLinks links) {
        this.leads = leads;
        this.taskService = taskService;
        this.links = links;
        this.regions = regions;
        this.staff = staff;
        this.notifications = notifications;
        this.sla = sla;
        this.runtimeService = runtimeService;
    }

    /** Stable across retries of the job, also for a task with input parameters (see {@link NotificationTask}). */
    public static String occurrenceKey(DelegateExecution execution) {
        return NotificationTask.occurrenceKey(execution);
    }

    /** DingTalk to every active sales manager. */
    public void alertManagersUnassigned(String leadId, String processInstanceId, String key) {
        List<Recipient> managers = staff.byRole(SalesStaff.MANAGER).stream()
                .map(m -> new Recipient(m.userId(), m.mobile())).toList();
        if (managers.isEmpty()) {
            throw new IllegalStateException("no active sales manager in sales_staff to alert about lead " + leadId);
        }
        alertUnassigned(leadId, processInstanceId, key, Channel.DINGTALK, managers);
    }

    /** The unassigned alert through {@code channel} to the recipients the diagram names. */
    public void alertUnassigned(String leadId, String processInstanceId, String key, Channel channel,
                                List<Recipient> recipients) {
        Lead lead = lead(leadId);
        String title = "线索超时未分配 Lead unassigned for " + LeadSla.hours(timers(processInstanceId).unassigned().duration());
        String text = "### " + title + "\n"
                + "- 线索 Lead: " + lead.id() + "\n"
                + "- 客户 Customer: " + lead.companyName() + "\n"
                + "- 来源 Source: " + lead.source().chinese() + " " + lead.source() + "\n"
                + "- 区域 Region: " + regions.nameOf(lead.region()) + " " + lead.region() + "\n"
                + "- 预算 Budget: ¥" + lead.budgetCny().toPlainString() + "\n"
                + "- 创建 Created: " + lead.createdAt() + "\n\n"
                + "请在 Tasklist 的「分配线索 Assign lead」任务中分配。 Please assign it in Tasklist.";
        notifications.send(new NotificationRequest(key, channel, recipients, title, text, processInstanceId, leadId,
                assignTaskLink(processInstanceId)));
    }

    private List<org.leadtocash.notify.Link> assignTaskLink(String processInstanceId) {
        List<org.camunda.bpm.engine.task.Task> open = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(LeadRoutingProcess.Task.ASSIGN_LEAD_MANUALLY).active().list();
        return open.isEmpty() ? links.processInstance(processInstanceId) : links.task(open.get(0).getId());
    }

    public void remindRep(String leadId, String repId, String processInstanceId, String key) {
        Lead lead = lead(leadId);
        SalesStaff rep = staff.find(repId).orElseThrow(() -> new IllegalStateException("rep " + repId + " is not in sales_staff"));
        String after = LeadSla.hours(timers(processInstanceId).firstContact().duration());
        String title = "线索" + after + "未联系 Lead not contacted";
        String text = rep.displayName() + "您好，线索 " + lead.id() + "（" + lead.companyName() + "，联系人 " + lead.contactName()
                + " " + lead.contactPhone() + "）创建已超过" + after + "，尚未联系客户，请尽快跟进。";
        notifications.send(new NotificationRequest(key, Channel.VOICE_CALL, List.of(new Recipient(rep.userId(), rep.mobile())),
                title, text, processInstanceId, leadId));
    }

    private Lead lead(String leadId) {
        return leads.find(leadId).orElseThrow(() -> new IllegalStateException("lead " + leadId + " does not exist"));
    }

    /** The SLA timers of the version the lead's instance runs. */
    private LeadSla.Timers timers(String processInstanceId) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            throw new IllegalStateException("process instance " + processInstanceId + " is not running");
        }
        return sla.of(instance.getProcessDefinitionId());
    }
}
