package org.leadtocash.followup;

import java.util.List;
import java.util.Map;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Follow-up contacts recorded outside Tasklist (the owner or an overseer), a customer's cadence, and the overdue
 * follow-up ratio: a rep gets his own line, managers and directors every rep, team and the company.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class FollowUpController {
    private final FollowUps followUps;
    private final FollowUpRepository repository;
    private final FollowUpKpi kpi;
    private final TeamReminders reminders;
    private final CurrentUser currentUser;

    FollowUpController(FollowUps followUps, FollowUpRepository repository, FollowUpKpi kpi, TeamReminders reminders,
                       CurrentUser currentUser) {
        this.followUps = followUps;
        this.repository = repository;
        this.kpi = kpi;
        this.reminders = reminders;
        this.currentUser = currentUser;
    }

    /** Body: {@code followUpOutcome}, {@code followUpNotes}, {@code nextFollowUpDate} (yyyy-MM-dd). */
    @PostMapping(path = "/customers/{id}/follow-up-contacts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public FollowUpContact record(@PathVariable String id, @RequestBody Map<String, Object> body) {
        if (body == null) {
            throw new InvalidInputException("body", "json-object", "the request body must be a JSON object");
        }
        return followUps.recordByApi(id, currentUser.id(), currentUser.seesAllSalesData(),
                body.get(CustomerFollowUpProcess.Vars.FOLLOW_UP_OUTCOME), body.get(CustomerFollowUpProcess.Vars.FOLLOW_UP_NOTES),
                body.get(CustomerFollowUpProcess.Vars.NEXT_FOLLOW_UP_DATE));
    }

    /** A customer's place in the cadence and its contacts, oldest first. */
    record CustomerFollowUp(FollowUpCustomer customer, List<FollowUpContact> contacts) {
    }

    @GetMapping("/customers/{id}/follow-up")
    public CustomerFollowUp customer(@PathVariable String id) {
        FollowUpCustomer customer = repository.find(id)
                .filter(c -> currentUser.seesAllSalesData() || c.repId().equals(currentUser.id()))
                .orElseThrow(() -> new NotFoundException("customer " + id + " is not in your follow-up cadence"));
        return new CustomerFollowUp(customer, repository.contacts(id));
    }

    @GetMapping("/kpi/follow-up")
    public FollowUpKpi.Report overdueRatio() {
        currentUser.requireAnyGroup(Groups.SALES_REP, Groups.SALES_MANAGER, Groups.REGIONAL_DIRECTOR, Groups.ADMIN);
        return kpi.report(currentUser.seesAllSalesData() ? null : currentUser.id(), reminders::teamOn);
    }

    /** Every switch of the team's stronger reminders, oldest first (overseers). */
    @GetMapping("/kpi/follow-up/teams/{team}/reminder-switches")
    public List<FollowUpRepository.Switch> switches(@PathVariable String team) {
        currentUser.requireAnyGroup(Groups.OVERSEERS.toArray(String[]::new));
        return reminders.history(team);
    }
}
