package org.leadtocash.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.springframework.stereotype.Component;

/** 钉钉提醒回款阻塞 DingTalk the rep, finance and the regional director: a node has not moved for 48 h. */
@Component("notifyPaymentBlockedDelegate")
class NotifyPaymentBlockedDelegate implements JavaDelegate {
    private final PaymentBreakers breakers;

    public NotifyPaymentBlockedDelegate(PaymentBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        breakers.alert(((Number) execution.getVariable(Vars.BLOCKER_CHECK_ID)).longValue());
    }
}
