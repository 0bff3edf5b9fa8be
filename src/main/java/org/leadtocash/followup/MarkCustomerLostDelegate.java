package org.leadtocash.followup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 标记客户流失 Mark the customer lost: no contact for the period drawn on the timer. */
@Component("markCustomerLostDelegate")
class MarkCustomerLostDelegate implements JavaDelegate {
    private final FollowUps service;

    MarkCustomerLostDelegate(FollowUps service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.markLost((String) execution.getVariable(CustomerFollowUpProcess.Vars.CUSTOMER_ID));
    }
}
