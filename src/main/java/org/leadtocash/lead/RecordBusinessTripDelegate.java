package org.leadtocash.lead;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.leadtocash.lead.BusinessTripProcess.Vars;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/** 记录出差 Record trip: the Tasklist way to enter a business trip. Invalid input rolls the start back. */
@Component("recordBusinessTripDelegate")
class RecordBusinessTripDelegate implements JavaDelegate {
    private final BusinessTrips trips;

    public RecordBusinessTripDelegate(BusinessTrips trips) {
        this.trips = trips;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        // the logged-in user, not the tripInitiator variable: start variables can overwrite the initiator
        String initiator = user == null ? null : user.getUserId();
        if (initiator == null) {
            throw new IllegalStateException("a business trip must be entered by a logged-in user");
        }
        Object claimed = execution.getVariable(Vars.TRIP_INITIATOR);
        if (claimed != null && !initiator.equals(claimed)) {
            throw new InvalidInputException(Vars.TRIP_INITIATOR, "is-current-user",
                    "must be the logged-in user " + initiator + " (it is set by the engine, not by the form)");
        }
        List<String> groups = user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
        Trip trip = trips.add(initiator, groups, (String) execution.getVariable(Vars.TRIP_REP_ID),
                execution.getVariable(Vars.TRIP_START), execution.getVariable(Vars.TRIP_END), execution.getVariable(Vars.TRIP_NOTE));
        execution.setVariable(Vars.TRIP_ID, trip.id());
        execution.setVariable(Vars.TRIP_REP_ID, trip.repId());
    }
}
