package org.leadtocash.followup;

import java.math.BigDecimal;
import java.util.List;

import org.leadtocash.lead.SalesTeam;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stronger reminders per team, as the daily {@code bpmn/follow-up-reminder-policy.bpmn} switches them: read by
 * the follow-up process's gateways ({@code ${followUpReminders.strongerOn(repId)}}), each switch recorded with history.
 */
@Component
public class TeamReminders {
    private final FollowUpRepository repository;
    private final SalesTeam salesTeam;
    private final FollowUpKpi kpi;
    private final EngineClock clock;

    TeamReminders(FollowUpRepository repository, SalesTeam salesTeam, FollowUpKpi kpi, EngineClock clock) {
        this.repository = repository;
        this.salesTeam = salesTeam;
        this.kpi = kpi;
        this.clock = clock;
    }

    /** Whether the rep's team has stronger reminders on (off before its first evaluation and for reps without a team). */
    public boolean strongerOn(String repId) {
        return salesTeam.find(repId).filter(s -> s.region() != null)
                .map(s -> teamOn(s.region())).orElse(false);
    }

    public boolean teamOn(String team) {
        return repository.strongerOn(team).orElse(false);
    }

    /** The teams the daily evaluation walks (multi-instance collection). */
    public List<String> teams() {
        return kpi.teamCodes();
    }

    /** Stores the decision; a change (or a team's first decision) is added to the history. Returns whether it changed. */
    @Transactional
    public boolean record(String team, boolean on, int overdue, int customers, BigDecimal ratio, String processInstanceId) {
        Boolean before = repository.strongerOn(team).orElse(null);
        boolean changed = before == null || before != on;
        repository.saveSwitch(team, on, ratio, clock.now(), changed);
        if (changed) {
            repository.insertSwitch(team, on, overdue, customers, ratio, clock.now(), processInstanceId);
        }
        return changed;
    }

    List<FollowUpRepository.Switch> history(String team) {
        return repository.switches(team);
    }
}
