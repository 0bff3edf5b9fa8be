package org.leadtocash.lead;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 登记线索 Register lead. Leads from the intake API arrive registered (they carry {@code leadId}); a phone lead
 * entered through the Tasklist start form is validated and stored here, and its id becomes the business key.
 */
@Component("registerLeadDelegate")
public class RegisterLeadDelegate implements JavaDelegate {
    private final LeadIntake intake;

    public RegisterLeadDelegate(LeadIntake intake) {
        this.intake = intake;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (execution.hasVariable(Vars.LEAD_ID)) {
            return;
        }
        Map<String, Object> vars = intake.registerFromStartForm(execution.getVariables(),
                (String) execution.getVariable(Vars.LEAD_INITIATOR), execution.getProcessInstanceId());
        execution.setVariables(vars);
        execution.setProcessBusinessKey((String) vars.get(Vars.LEAD_ID));
    }
}
