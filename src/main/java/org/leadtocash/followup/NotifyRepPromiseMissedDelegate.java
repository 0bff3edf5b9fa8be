package org.leadtocash.followup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 钉钉提醒销售跟进逾期 DingTalk the rep: the promised follow-up date has passed without a contact. */
@Component("notifyRepPromiseMissedDelegate")
class NotifyRepPromiseMissedDelegate implements JavaDelegate {
    private final FollowUpNotices service;

    NotifyRepPromiseMissedDelegate(FollowUpNotices service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.promiseMissed(execution);
    }
}
