package org.leadtocash.followup;

import org.leadtocash.shared.ModelFunctions;
import org.springframework.stereotype.Component;

/**
 * What the follow-up diagram's conditions may ask ({@code ${followUpReminders.strongerOn(repId)}}): read-only, so the
 * deploy-time allow-list can let owners use it without exposing {@link TeamReminders}' bookkeeping.
 */
@Component("followUpReminders")
public class FollowUpConditions implements ModelFunctions {
    private final TeamReminders reminders;

    FollowUpConditions(TeamReminders reminders) {
        this.reminders = reminders;
    }

    /** Whether the rep's team has stronger reminders switched on now. */
    public boolean strongerOn(String repId) {
        return reminders.strongerOn(repId);
    }
}
