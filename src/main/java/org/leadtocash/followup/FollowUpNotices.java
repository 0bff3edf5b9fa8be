package org.leadtocash.followup;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.leadtocash.followup.CustomerFollowUpProcess.Vars;
import org.leadtocash.lead.SalesStaff;
import org.leadtocash.lead.SalesTeam;
import org.leadtocash.notify.Channel;
import org.leadtocash.notify.NotificationRequest;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.notify.Link;
import org.leadtocash.notify.Recipient;
import org.leadtocash.notify.TaskLinks;
import org.springframework.stereotype.Service;

/**
 * DingTalk reminders of the follow-up cadence: the rep when his promise passed, and — with the team's stronger reminders
 * on — the rep the day before and the team's manager the day after. Each carries an idempotency key of instance,
 * activity and execution, so a retried job never sends twice. The reminders after the promise link to the open
 * 跟进客户 Follow up the customer task (its rep works it; managers may open any task); the day-before reminder has no
 * task to link yet.
 */
@Service
class FollowUpNotices {
    private final NotificationService notifications;
    private final SalesTeam salesTeam;
    private final FollowUpKpi kpi;
    private final TaskLinks links;

    FollowUpNotices(NotificationService notifications, SalesTeam salesTeam, FollowUpKpi kpi, TaskLinks links) {
        this.links = links;
        this.notifications = notifications;
        this.salesTeam = salesTeam;
        this.kpi = kpi;
    }

    void promiseMissed(DelegateExecution execution) {
        SalesStaff rep = rep(execution);
        String title = "客户跟进已逾期 Follow-up overdue";
        String text = "### " + title + "\n" + rep.displayName() + "您好，您承诺在 " + var(execution, Vars.NEXT_FOLLOW_UP_DATE)
                + " 跟进客户「" + var(execution, Vars.COMPANY_NAME) + "」，至今未记录联系。请在 Tasklist 的「跟进客户 Follow up the customer」"
                + "任务中记录结果和下次跟进日期。 Your promised follow-up has passed: record it in Tasklist.";
        send(execution, List.of(recipient(rep)), title, text, followUpTask(execution));
    }

    void dayBefore(DelegateExecution execution) {
        SalesStaff rep = rep(execution);
        String title = "明日客户跟进提醒 Follow-up due tomorrow";
        String text = "### " + title + "\n" + rep.displayName() + "您好，您承诺在 " + var(execution, Vars.NEXT_FOLLOW_UP_DATE)
                + " 跟进客户「" + var(execution, Vars.COMPANY_NAME) + "」。（团队逾期跟进率偏高，已开启强化提醒 stronger reminders are on for your team）";
        send(execution, List.of(recipient(rep)), title, text, List.of());
    }

    void managerDayAfter(DelegateExecution execution) {
        SalesStaff rep = rep(execution);
        String team = rep.region() == null ? null : rep.region();
        List<Recipient> managers = (team == null ? List.<SalesStaff>of() : kpi.managers(team)).stream()
                .map(FollowUpNotices::recipient).toList();
        if (managers.isEmpty()) {
            throw new IllegalStateException("no active sales manager for team " + team + " of rep " + rep.userId());
        }
        String title = "下属客户跟进逾期 A rep's follow-up is overdue";
        String text = "### " + title + "\n- 销售 Rep: " + rep.displayName() + " (" + rep.userId() + ")\n- 客户 Customer: "
                + var(execution, Vars.COMPANY_NAME) + "\n- 承诺跟进日期 Promised: " + var(execution, Vars.NEXT_FOLLOW_UP_DATE)
                + "\n\n团队逾期跟进率超过阈值，已开启强化提醒。 The team's overdue ratio is above the threshold: stronger reminders are on.";
        send(execution, managers, title, text, followUpTask(execution));
    }

    /** The open follow-up task of this instance, created with the promise timer before the reminder runs. */
    private List<Link> followUpTask(DelegateExecution execution) {
        List<org.camunda.bpm.engine.task.Task> open = execution.getProcessEngineServices().getTaskService().createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(CustomerFollowUpProcess.Task.FOLLOW_UP_CUSTOMER).active().list();
        return open.isEmpty() ? links.processInstance(execution.getProcessInstanceId()) : links.task(open.get(0).getId());
    }

    private void send(DelegateExecution execution, List<Recipient> to, String title, String text, List<Link> open) {
        String key = execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId() + "/" + execution.getId();
        notifications.send(new NotificationRequest(key, Channel.DINGTALK, to, title, text, execution.getProcessInstanceId(),
                var(execution, Vars.CUSTOMER_ID), open));
    }

    private SalesStaff rep(DelegateExecution execution) {
        String repId = var(execution, Vars.REP_ID);
        return salesTeam.find(repId).orElseThrow(() -> new IllegalStateException("rep " + repId + " is not in sales_staff"));
    }

    private static Recipient recipient(SalesStaff s) {
        return new Recipient(s.userId(), s.mobile());
    }

    private static String var(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        return v == null ? null : v.toString();
    }
}
