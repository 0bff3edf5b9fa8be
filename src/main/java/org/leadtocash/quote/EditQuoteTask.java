package org.leadtocash.quote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.TaskService;
import org.leadtocash.quote.ClauseTamperAttempt.Channel;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code PUT /api/quotes/{id}}: the API's way through the user task 编辑报价 Edit quote. The quote's owner sends the
 * same edit as the form; it is checked, then completes the task (whose {@link ApplyQuoteEditsDelegate} applies it). A
 * body that changes any clause is refused and recorded (R-11, channel API).
 */
@Component
class EditQuoteTask {
    private static final Set<String> ALLOWED = Set.of(Vars.LINES, Vars.DELIVERY_DATE, Vars.EDIT_NOTE, Vars.CLAUSES);

    private final Quotes quotes;
    private final PriceEditValidator validator;
    private final ClauseGuard guard;
    private final TaskService taskService;

    EditQuoteTask(Quotes quotes, PriceEditValidator validator, ClauseGuard guard, TaskService taskService) {
        this.quotes = quotes;
        this.validator = validator;
        this.guard = guard;
        this.taskService = taskService;
    }

    /** @param overseer whether the user sees all sales data (he still edits only his own quotes) */
    @Transactional
    Quote completeViaApi(String quoteId, JsonNode body, String user, boolean overseer) {
        Quote quote = quotes.visible(quoteId, overseer ? null : user);
        if (!quote.repId().equals(user)) {
            throw new AccessDeniedException("only the quote's owner " + quote.repId() + " edits it");
        }
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "json-object", "the request body must be a JSON object");
        }
        List<FieldError> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!ALLOWED.contains(f) && !ClauseGuard.isClauseVariable(f)) {
                unknown.add(new FieldError(f, "known-field", "unknown field; allowed fields are " + ALLOWED));
            }
        });
        List<ClauseGuard.Attempt> attempts = new ArrayList<>();
        body.fields().forEachRemaining(e -> {
            if (ClauseGuard.isClauseVariable(e.getKey())) {
                attempts.addAll(guard.differences(quote.clauses(), e.getKey(), e.getValue()));
            }
        });
        guard.check(quote.id(), null, attempts, user, Channel.API);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
        var task = taskService.createTaskQuery().processInstanceBusinessKey(quoteId)
                .processDefinitionKey(QuoteToInvoiceProcess.KEY).taskDefinitionKey(QuoteToInvoiceProcess.Task.EDIT_QUOTE)
                .singleResult();
        if (task == null || quote.status() != QuoteStatus.OPEN) {
            throw new InvalidInputException("quote", "editable",
                    "报价当前不在「编辑报价」步骤 the quote can be edited only while it waits at 编辑报价 Edit quote");
        }
        PriceEdit edit = validator.edit(quote, body.get(Vars.LINES),
                body.hasNonNull(Vars.DELIVERY_DATE) ? body.get(Vars.DELIVERY_DATE).asText() : null,
                body.hasNonNull(Vars.EDIT_NOTE) ? body.get(Vars.EDIT_NOTE).asText() : null);
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.LINES, QuoteJson.variable(QuoteText.lineVariables(edit.lines())));
        vars.put(Vars.DELIVERY_DATE, edit.deliveryDate().toString());
        vars.put(Vars.EDIT_NOTE, edit.note());
        taskService.complete(task.getId(), vars);
        return quotes.get(quoteId);
    }
}
