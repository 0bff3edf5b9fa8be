package org.leadtocash.followup;

import java.util.List;

import org.leadtocash.shared.ModelFunctions;
import org.springframework.stereotype.Component;

/**
 * What the follow-up diagrams may ask ({@code ${followUpReminders.strongerOn(repId)}},
 * {@code ${followUpReminders.teams()}}): read-only, so the deploy-time allow-list can let owners use it without exposing
 * {@link TeamReminders}' bookkeeping.
 */
@Component("followUpReminders")
public class FollowUpConditions implements ModelFunctions {
    private final TeamReminders reminders;

    FollowUpConditions(TeamReminders reminders) {
        this.reminders = reminders;
    }

    /** The teams the daily policy decides for ({@code ${followUpReminders.teams()}} in the policy diagram). */
    public List<String> teams() {
        return reminders.teams();
    }

    /** Whether the rep's team has stronger reminders switched on now. */
    public boolean strongerOn(String repId) {
        return reminders.strongerOn(repId);
    }
}
