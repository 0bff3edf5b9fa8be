package org.leadtocash.quote;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.LockedClauseEffectiveProcess.Vars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * 退回使用旧条款的合同 On a locked version's effective date: every contract not yet approved that carries an outdated
 * locked clause gets the message {@code LockedClauseRepublished}, which takes it from legal's review, the rep's
 * revision or confirmation back to the rep's confirmation of the new text. A contract whose process waits
 * nowhere the message is caught is left to the review's refusal.
 */
@Component("reopenStaleContractsDelegate")
class ReopenStaleContractsDelegate implements JavaDelegate {
    private static final Logger log = LoggerFactory.getLogger(ReopenStaleContractsDelegate.class);

    private final Contracts contracts;

    ReopenStaleContractsDelegate(Contracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> reopened = new ArrayList<>();
        for (Contract c : contracts.openContractsWithStaleLockedClauses()) {
            if (c.processInstanceId() == null) {
                continue;
            }
            int moved = execution.getProcessEngineServices().getRuntimeService()
                    .createMessageCorrelation(QuoteToInvoiceProcess.LOCKED_CLAUSE_REPUBLISHED)
                    .processInstanceId(c.processInstanceId()).correlateAllWithResult().size();
            if (moved > 0) {
                reopened.add(c.id());
            }
        }
        log.info("Locked clause {} in force: contracts sent back to the rep: {}", execution.getVariable(Vars.CLAUSE_TYPE), reopened);
        execution.setVariable(Vars.REOPENED_CONTRACTS, String.join(",", reopened));
    }
}
