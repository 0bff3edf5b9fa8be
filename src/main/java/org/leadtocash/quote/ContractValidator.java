package org.leadtocash.quote;

import java.util.ArrayList;
import java.util.List;

import org.leadtocash.quote.QuoteToInvoiceProcess.ReviewDecision;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Checks what the rep and legal enter on a contract's tasks — the confirmation of clause changes, legal's review —
 * and throws {@link InvalidInputException} naming every field and rule broken. The rep's price revision is a
 * {@link PriceEditValidator#revision price edit}.
 */
@Component
class ContractValidator {
    static final int MAX_REASON = 1000;

    private final LegalTeam legal;

    ContractValidator(LegalTeam legal) {
        this.legal = legal;
    }

    /** 确认条款变更: the rep must tick that he has read the clause changes. */
    void requireClauseChangesAcknowledged(Object acknowledged) {
        if (!(Boolean.TRUE.equals(acknowledged) || "true".equals(String.valueOf(acknowledged)))) {
            throw new InvalidInputException(Vars.CLAUSE_CHANGES_ACKNOWLEDGED, "required",
                    "请确认已阅读条款变更 confirm that you have read the clause changes");
        }
    }

    /** 审核合同: APPROVE, or RETURN with a reason, by a member of legal. */
    ReviewVerdict review(Object decisionValue, Object reasonValue, String reviewer) {
        List<FieldError> errors = new ArrayList<>();
        ReviewDecision decision = null;
        String d = QuoteInput.text(decisionValue);
        if (d == null) {
            errors.add(new FieldError(Vars.REVIEW_DECISION, "required", "请选择审核结论 choose approve or return"));
        } else {
            try {
                decision = ReviewDecision.valueOf(d);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(Vars.REVIEW_DECISION, "one-of", "must be one of " + List.of(ReviewDecision.values())));
            }
        }
        String reason = decision == ReviewDecision.RETURN
                ? QuoteInput.requiredText(reasonValue, Vars.RETURN_REASON, MAX_REASON, "退回原因 A reason for the return ", errors)
                : QuoteInput.optionalText(reasonValue, Vars.RETURN_REASON, MAX_REASON, errors);
        if (reviewer == null || !legal.isMember(reviewer)) {
            errors.add(new FieldError(Vars.REVIEW_DECISION, "legal-only", "只有法务可以审核合同 only a member of legal reviews contracts"
                    + (reviewer == null ? "" : "; " + reviewer + " is not")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ReviewVerdict(decision, reason, reviewer);
    }
}
