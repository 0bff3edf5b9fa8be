package org.leadtocash.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.springframework.stereotype.Component;

/** 短信通知客户采购 SMS the customer's procurement contact that payment should start; async with retries. */
@Component("sendPaymentStartedSmsDelegate")
class SendPaymentStartedSmsDelegate implements JavaDelegate {
    private final PaymentSms sms;

    public SendPaymentStartedSmsDelegate(PaymentSms sms) {
        this.sms = sms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sms.sendPaymentStarted((String) execution.getVariable(Vars.JOURNEY_ID), execution.getProcessInstanceId());
    }
}
