package org.leadtocash.shared;

import java.util.List;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A module's own deploy-time rule for the diagrams it runs (e.g. the payment journey's node markers). Each module
 * declares its rules as beans; the deploy-time validation runs them on every diagram of a new deployment and refuses
 * it, with the general rules' refusals, naming the file, the element and the problem.
 */
public interface ModelCheck {
    /** The problems of one diagram; empty when it may be deployed (or when the rule does not apply to it). */
    List<Problem> check(BpmnModelInstance model);

    /** One problem: the element (id, or null for the whole diagram) and why it is refused. */
    record Problem(String elementId, String message) {
    }
}
