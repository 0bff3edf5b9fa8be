package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 法务审核开始 A legal review starts undecided: on the creation of a review task the previous review's
 * {@code reviewDecision} and {@code returnReason} are removed, so the form does not open with an earlier verdict
 * selected — after a return and revision, or at a second approval an owner draws after the first (e.g. above
 * 1,000,000 CNY, a copy of the review task carries this listener). The decision gateway after each review reads the
 * decision that review submitted.
 */
@Component("reviewTaskListener")
class ReviewTaskListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.getExecution().removeVariable(Vars.REVIEW_DECISION);
            task.getExecution().removeVariable(Vars.RETURN_REASON);
        }
    }
}
