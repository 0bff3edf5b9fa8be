package org.leadtocash.payment;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * 登记回款旅程 Register the journey. Journeys started by {@link PaymentJourneys#start} arrive registered (they carry
 * {@code journeyId}); one entered by finance through the Tasklist start form is validated and stored here, and its id
 * becomes the business key. The journey is stored at the first node of the version that runs.
 */
@Component("registerJourneyDelegate")
class RegisterJourneyDelegate implements JavaDelegate {
    private final PaymentJourneys journeys;
    private final PaymentBreakers breakers;

    public RegisterJourneyDelegate(PaymentJourneys journeys, PaymentBreakers breakers) {
        this.journeys = journeys;
        this.breakers = breakers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (execution.hasVariable(Vars.JOURNEY_ID)) {
            // only PaymentJourneys.start passes a journey id: its row, stored in this transaction, not yet bound to a
            // process. A start form (or REST start) passing one would take over someone else's journey.
            if (!journeys.startedFor(execution.getVariable(Vars.JOURNEY_ID), execution.getProcessInstanceId())) {
                throw new InvalidInputException(Vars.JOURNEY_ID, "not-settable",
                        "回款旅程编号由系统生成 the journey id is assigned by the application; start without it");
            }
            setFirstNodeDeadline(execution);
            return;
        }
        // the logged-in user, not the journeyInitiator variable, which start variables can overwrite
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        Map<String, Object> vars = journeys.registerFromStartForm(execution.getVariables(),
                user == null ? null : user.getUserId(),
                user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds(),
                execution.getProcessInstanceId(), execution.getProcessDefinitionId());
        execution.setVariables(vars);
        execution.setProcessBusinessKey((String) vars.get(Vars.JOURNEY_ID));
        setFirstNodeDeadline(execution);
    }

    /**
     * The first node's deadline, counted from the journey's start. The node's task sets it again when it starts; a
     * version drawn before nodes were marked has no listener there and needs it from here.
     */
    private void setFirstNodeDeadline(DelegateExecution execution) {
        PaymentJourney journey = journeys.find((String) execution.getVariable(Vars.JOURNEY_ID)).orElseThrow();
        execution.setVariables(breakers.nodeVariables(execution.getProcessDefinitionId(), journey.node(), journey.nodeSince()));
    }
}
