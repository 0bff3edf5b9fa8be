package org.leadtocash.payment;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * On every firing of a node's breaker timer: records the firing (node, occurrence) and leaves it on the execution the
 * firing created, for the alert and the checklist that follow on that path. The node is the timer's own
 * {@code camunda:property node} or the node of the task it is attached to, never its element id.
 */
@Component("paymentBreakerFiredListener")
class PaymentBreakerFiredListener implements ExecutionListener {
    private final PaymentBreakers breakers;
    private final PaymentNodes timers;

    public PaymentBreakerFiredListener(PaymentBreakers breakers, PaymentNodes timers) {
        this.breakers = breakers;
        this.timers = timers;
    }

    @Override
    public void notify(DelegateExecution execution) {
        PaymentBreakers.Firing firing = breakers.fired((String) execution.getVariable(Vars.JOURNEY_ID),
                execution.getCurrentActivityId(), timers.breakerNodeOf(execution), execution.getProcessInstanceId());
        execution.setVariableLocal(Vars.BLOCKER_CHECK_ID, firing.checkId());
        execution.setVariableLocal(Vars.BREAKER_NODE, firing.node().code());
        execution.setVariableLocal(Vars.BREAKER_NODE_LABEL, firing.node().label() + " " + firing.node().chinese());
        execution.setVariableLocal(Vars.BREAKER_OCCURRENCE, firing.occurrence());
        execution.setVariableLocal(Vars.BLOCKER_CHECK_DUE, Date.from(firing.checklistDue()));
    }
}
