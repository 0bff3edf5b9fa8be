package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;

/** What the delegates write for the forms, in one place. */
final class QuoteVariables {
    /** Camunda stores a String variable in a 4000-character column: longer texts are cut with a pointer to the API. */
    static final int MAX_TEXT = 3900;

    private QuoteVariables() {
    }

    static void quote(VariableScope scope, Quote q) {
        scope.setVariable(Vars.QUOTE_ID, q.id());
        scope.setVariable(Vars.REP_ID, q.repId());
        scope.setVariable(Vars.CUSTOMER_ID, q.customerId());
        scope.setVariable(Vars.CUSTOMER_NAME, q.customerName());
        scope.setVariable(Vars.CREDIT_CODE, q.customerCreditCode());
        scope.setVariable(Vars.CUSTOMER_TIER, q.customerTier());
        scope.setVariable(Vars.REVISION, q.revision());
        scope.setVariable(Vars.DELIVERY_DATE, q.deliveryDate().toString());
        scope.setVariable(Vars.LINES, QuoteJson.variable(QuoteText.lineVariables(q.lines())));
        scope.setVariable(Vars.QUOTE_SUMMARY, cut(QuoteText.summary(q), "GET /api/quotes/" + q.id()));
        scope.setVariable(Vars.QUOTE_PDF, "/api/quotes/" + q.id() + "/pdf");
    }

    static void contract(VariableScope scope, Contract c) {
        scope.setVariable(Vars.CONTRACT_ID, c.id());
        scope.setVariable(Vars.DELIVERY_DATE, c.deliveryDate().toString());
        scope.setVariable(Vars.LINES, QuoteJson.variable(QuoteText.lineVariables(c.lines())));
        scope.setVariable(Vars.LEGAL_RETURNS, c.legalReturns());
        // for the owner's gateway conditions, e.g. a second legal approval ${contractTotal > 1000000}
        scope.setVariable(Vars.CONTRACT_TOTAL, c.total().doubleValue());
        scope.setVariable(Vars.CONTRACT_SUMMARY, cut(QuoteText.summary(c), "GET /api/contracts/" + c.id()));
    }

    static String cut(String text, String whereAll) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        String tail = "\n…（全文见 full text: " + whereAll + "）";
        return text.substring(0, MAX_TEXT - tail.length()) + tail;
    }

    /** The user completing the task (the engine's authenticated user), or null when none is authenticated. */
    static String currentUser(DelegateExecution execution) {
        Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return auth == null ? null : auth.getUserId();
    }

    static String string(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        return v == null ? null : v.toString();
    }
}
