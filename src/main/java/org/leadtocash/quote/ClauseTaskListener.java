package org.leadtocash.quote;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.leadtocash.quote.ClauseTamperAttempt.Channel;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The clause lock on every user task of the process.
 * <ul>
 * <li>create: puts the clauses of the quote (or, once drafted, the contract) on the task as the task-local, read-only
 * list {@code clauseList} the forms show.</li>
 * <li>complete: refuses the completion if any clause text visible to the task differs from the quote's or contract's —
 * the task's {@code clauseList}, or a process variable {@code clauses}, {@code clause_<TYPE>} or {@code clauseList}
 * that nobody legitimately sets. The attempt is recorded with its channel: VARIABLE when the change was already
 * stored before this completion (set through the engine API or REST, e.g. {@code PUT /engine-rest/process-instance/…
 * /variables/clause_IP_OWNERSHIP}), FORM when it came with the completion itself (a form submission or completion
 * payload). The task stays open; a tampering variable must be removed (or set back) before the task can complete.</li>
 * </ul>
 */
@Component("clauseTaskListener")
class ClauseTaskListener implements TaskListener {
    private final Quotes quotes;
    private final Contracts contracts;
    private final ClauseGuard guard;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;

    public ClauseTaskListener(Quotes quotes, Contracts contracts, ClauseGuard guard, @Lazy RuntimeService runtimeService,
                              @Lazy HistoryService historyService) {
        this.quotes = quotes;
        this.contracts = contracts;
        this.guard = guard;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
    }

    @Override
    public void notify(DelegateTask task) {
        String quoteId = (String) task.getVariable(Vars.QUOTE_ID);
        String contractId = (String) task.getVariable(Vars.CONTRACT_ID);
        if (quoteId == null) {
            return;
        }
        List<AttachedClause> truth = contractId != null ? contracts.get(contractId).clauses() : quotes.get(quoteId).clauses();
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariableLocal(Vars.CLAUSE_LIST, QuoteJson.variable(ClauseGuard.displayList(truth)));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            check(task, quoteId, contractId, truth);
        }
    }

    private void check(DelegateTask task, String quoteId, String contractId, List<AttachedClause> truth) {
        List<ClauseGuard.Attempt> viaForm = new ArrayList<>();
        List<ClauseGuard.Attempt> viaVariable = new ArrayList<>();
        Object local = task.getVariableLocal(Vars.CLAUSE_LIST);
        if (local != null) {
            List<ClauseGuard.Attempt> found = guard.differences(truth, Vars.CLAUSE_LIST, local);
            (changedBeforeCompletion(task) ? viaVariable : viaForm).addAll(found);
        }
        for (String name : task.getExecution().getVariableNames()) {
            if (ClauseGuard.isClauseVariable(name)) {
                List<ClauseGuard.Attempt> found = guard.differences(truth, name, task.getExecution().getVariable(name));
                if (!found.isEmpty()) {
                    (storedBeforeCompletion(task.getProcessInstanceId(), name) ? viaVariable : viaForm).addAll(found);
                }
            }
        }
        String actor = actor(task);
        if (!viaVariable.isEmpty()) {
            throw guard.refuse(quoteId, contractId, viaVariable, actor, Channel.VARIABLE);
        }
        guard.check(quoteId, contractId, viaForm, actor, Channel.FORM);
    }

    /** A process variable already in the database before this command (this completion's own are not yet flushed). */
    private boolean storedBeforeCompletion(String processInstanceId, String name) {
        return runtimeService.createVariableInstanceQuery().processInstanceIdIn(processInstanceId).variableName(name).count() > 0;
    }

    /** The task's clause list was updated in an earlier, committed step (history holds more than its creation). */
    private boolean changedBeforeCompletion(DelegateTask task) {
        long updates = 0;
        for (HistoricDetail d : historyService.createHistoricDetailQuery().variableUpdates().taskId(task.getId()).list()) {
            if (d instanceof HistoricVariableUpdate u && Vars.CLAUSE_LIST.equals(u.getVariableName())) {
                updates++;
            }
        }
        return updates > 1;
    }

    private static String actor(DelegateTask task) {
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (auth != null && auth.getUserId() != null) {
            return auth.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "unknown";
    }
}
