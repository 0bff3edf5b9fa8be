package org.leadtocash.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * The rebate by customer / store tier: evaluates the latest deployed version of the DMN decision
 * {@value #DECISION} ({@code bpmn/rebate-policy.dmn}), so a changed table deployed from Modeler applies at once.
 * <p>
 * The rate is company policy, not data of the person asking, so the decision is evaluated as the application: a rep
 * needs no Camunda authorization on the decision definition to get his customer's rebate.
 * <p>
 * Unknown tiers are refused, never defaulted: a misspelt tier would otherwise silently quote 0% (use {@code OTHER}
 * for "no tier").
 */
@Service
class RebatePolicy {
    public static final String DECISION = "rebatePolicy";
    public static final String INPUT_CUSTOMER_TIER = "customerTier";
    public static final String OUTPUT_REBATE_RATE = "rebateRate";
    public static final int SCALE = 4;

    private final ProcessEngine engine;
    private final DecisionService decisions;

    public RebatePolicy(ProcessEngine engine) {
        this.engine = engine;
        this.decisions = engine.getDecisionService();
    }

    /**
     * @param customerTier one of {@link CustomerTier} (exact, upper case; surrounding blanks ignored)
     * @return the rebate as a fraction at scale 4, e.g. 0.0800 for 8%
     * @throws InvalidInputException naming {@code customerTier} if it is missing or no known tier
     * @throws IllegalStateException if the deployed decision gives no single rate for a known tier
     */
    public BigDecimal rebateRate(String customerTier) {
        return rebateRate(tier(customerTier));
    }

    public BigDecimal rebateRate(CustomerTier tier) {
        if (tier == null) {
            throw new InvalidInputException("customerTier", "required", "客户等级必填 is required; one of " + CustomerTier.codes());
        }
        var commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
        DmnDecisionResult result = commands.execute(context -> context.runWithoutAuthorization(
                () -> decisions.evaluateDecisionByKey(DECISION)
                        .variables(Variables.createVariables().putValue(INPUT_CUSTOMER_TIER, tier.name()))
                        .evaluate()));
        if (result.size() != 1) {
            throw new IllegalStateException("decision " + DECISION + " gave " + result.size() + " results for customerTier "
                    + tier + "; it must give exactly one " + OUTPUT_REBATE_RATE);
        }
        DmnDecisionResultEntries row = result.getSingleResult();
        Object rate = row.getEntry(OUTPUT_REBATE_RATE);
        if (!(rate instanceof Number number)) {
            throw new IllegalStateException("decision " + DECISION + " gave " + OUTPUT_REBATE_RATE + " = " + rate
                    + " for customerTier " + tier + "; expected a number");
        }
        BigDecimal fraction = new BigDecimal(number.toString()).setScale(SCALE, RoundingMode.HALF_UP);
        if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalStateException("decision " + DECISION + " gave rebate " + fraction + " for customerTier " + tier
                    + "; a rebate is a fraction from 0 to below 1");
        }
        return fraction;
    }

    private static CustomerTier tier(String customerTier) {
        if (customerTier == null || customerTier.isBlank()) {
            return null;
        }
        String code = customerTier.strip();
        for (CustomerTier t : CustomerTier.values()) {
            if (t.name().equals(code)) {
                return t;
            }
        }
        throw new InvalidInputException("customerTier", "known-tier",
                "'" + code + "' 不是客户等级 is no customer tier; use one of " + CustomerTier.codes());
    }
}
