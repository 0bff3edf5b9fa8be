package org.leadtocash.followup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 强化提醒：次日钉钉主管 Stronger reminder: DingTalk the team's manager the day after a missed promise. */
@Component("notifyManagerPromiseMissedDelegate")
class NotifyManagerPromiseMissedDelegate implements JavaDelegate {
    private final FollowUpNotices service;

    NotifyManagerPromiseMissedDelegate(FollowUpNotices service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.managerDayAfter(execution);
    }
}
