package org.leadtocash.followup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 强化提醒：提前一天钉钉销售 Stronger reminder: DingTalk the rep the day before the promise. */
@Component("notifyRepDayBeforeDelegate")
class NotifyRepDayBeforeDelegate implements JavaDelegate {
    private final FollowUpNotices service;

    NotifyRepDayBeforeDelegate(FollowUpNotices service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.dayBefore(execution);
    }
}
