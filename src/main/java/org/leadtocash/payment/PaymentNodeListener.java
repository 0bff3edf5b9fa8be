package org.leadtocash.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On the start of every payment node's task (the element template 回款节点 Payment node adds it): the journey is at the
 * node the task's {@code camunda:property paymentNode} names from now on, and the task is due when that node's breaker,
 * as drawn in this version, runs out. This is what moves a journey through a node an owner added in Modeler.
 */
@Component("paymentNodeListener")
class PaymentNodeListener implements ExecutionListener {
    private final JourneyProgress progress;
    private final PaymentNodes nodes;

    PaymentNodeListener(JourneyProgress progress, PaymentNodes nodes) {
        this.progress = progress;
        this.nodes = nodes;
    }

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariables(progress.reached((String) execution.getVariable(PaymentJourneyProcess.Vars.JOURNEY_ID),
                nodes.nodeOfTask(execution), execution.getProcessDefinitionId()));
    }
}
