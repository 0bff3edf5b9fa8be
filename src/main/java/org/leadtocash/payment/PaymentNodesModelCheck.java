package org.leadtocash.payment;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.leadtocash.shared.ModelCheck;
import org.springframework.stereotype.Component;

/**
 * Refuses a deployment of {@code PaymentJourneyProcess} whose payment nodes or breakers are malformed (a repeated
 * number, a code in lower case, a breaker on no node, a timer that is not a literal cycle), before anything is stored:
 * the owner sees the element and the marker in Modeler's deploy error instead of a failing journey later.
 */
@Component
class PaymentNodesModelCheck implements ModelCheck {
    private static final Pattern ELEMENT = Pattern.compile("(?:payment node|breaker) (\\S+)");

    @Override
    public List<Problem> check(BpmnModelInstance model) {
        if (model.getModelElementById(PaymentJourneyProcess.KEY) == null) {
            return List.of();
        }
        try {
            PaymentNodes.read(model, PaymentJourneyProcess.KEY);
            return List.of();
        } catch (IllegalStateException e) {
            Matcher m = ELEMENT.matcher(e.getMessage());
            return List.of(new Problem(m.find() ? m.group(1) : null, e.getMessage()));
        }
    }
}
