package org.leadtocash.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On the end of a {@code PaymentJourneyProcess} instance (the process's own end listener): the journey's stay at its
 * last node ends, e.g. at a node an owner drew after the money is in, so it leaves the stuck view and counts in the
 * dwell per node.
 */
@Component("paymentJourneyEndedListener")
class PaymentJourneyEndedListener implements ExecutionListener {
    private final JourneyProgress progress;

    PaymentJourneyEndedListener(JourneyProgress progress) {
        this.progress = progress;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Object journeyId = execution.getVariable(PaymentJourneyProcess.Vars.JOURNEY_ID);
        if (journeyId instanceof String id) {
            progress.ended(id);
        }
    }
}
