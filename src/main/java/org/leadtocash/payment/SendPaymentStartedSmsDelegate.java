package org.leadtocash.payment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.notify.NotificationTask;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 短信通知客户采购 SMS the customer's procurement contact that payment should start; async with retries. The
 * provider template is the task's input parameter {@code smsTemplateCode} with {@code templateParams} (a map whose
 * values may name journey fields as {@code {expectedDate}}), so a new wording is a diagram change; a diagram without
 * them sends {@code leadtocash.payment.sms-template-code} with {@code expectedDate}.
 */
@Component("sendPaymentStartedSmsDelegate")
class SendPaymentStartedSmsDelegate implements JavaDelegate {
    private final PaymentSms sms;

    public SendPaymentStartedSmsDelegate(PaymentSms sms) {
        this.sms = sms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String journeyId = (String) execution.getVariable(Vars.JOURNEY_ID);
        Object code = execution.getVariableLocal(NotificationTask.SMS_TEMPLATE_CODE);
        if (code == null || code.toString().isBlank()) {
            sms.sendPaymentStarted(journeyId, execution.getProcessInstanceId());
            return;
        }
        Object params = execution.getVariableLocal(NotificationTask.TEMPLATE_PARAMS);
        Map<String, String> templateParams = new LinkedHashMap<>();
        if (params instanceof Map<?, ?> map) {
            map.forEach((k, v) -> templateParams.put(String.valueOf(k), v == null ? "" : v.toString()));
        } else if (params != null) {
            throw new IllegalArgumentException("task " + execution.getCurrentActivityId() + ": "
                    + NotificationTask.TEMPLATE_PARAMS + " must be a map (camunda:map), not "
                    + params.getClass().getSimpleName());
        }
        sms.sendPaymentStarted(journeyId, execution.getProcessInstanceId(), code.toString().strip(), templateParams);
    }
}
