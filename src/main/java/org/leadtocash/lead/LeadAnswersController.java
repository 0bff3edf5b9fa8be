package org.leadtocash.lead;

import java.util.List;

import org.leadtocash.shared.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/leads/{id}/answers}: the lead's answers to form fields an owner added; visible to whoever sees the lead. */
@RestController
class LeadAnswersController {
    private final LeadQueries queries;
    private final LeadFormAnswers answers;
    private final CurrentUser currentUser;

    LeadAnswersController(LeadQueries queries, LeadFormAnswers answers, CurrentUser currentUser) {
        this.queries = queries;
        this.answers = answers;
        this.currentUser = currentUser;
    }

    @GetMapping(path = "/api/leads/{id}/answers", produces = MediaType.APPLICATION_JSON_VALUE)
    List<LeadFormAnswers.Answer> answers(@PathVariable String id) {
        Lead lead = queries.lead(id, currentUser.seesAllSalesData() ? null : currentUser.id());
        return answers.of(lead.id());
    }
}
