package org.leadtocash.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.leadtocash.lead.StoreTiers;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * The rebate by customer / store tier: evaluates the latest deployed version of the DMN decision
 * {@value #DECISION} ({@code bpmn/rebate-policy.dmn}), so a changed table deployed from Modeler applies at once.
 * <p>
 * The rate is company policy, not data of the person asking, so the decision is evaluated as the application: a rep
 * needs no Camunda authorization on the decision definition to get his customer's rebate.
 * <p>
 * The tiers are the decision's: the input {@value #INPUT_CUSTOMER_TIER}'s allowed values (or, without them, the
 * strings its rules test), read from the latest deployed version — so deploying a table with a new tier (e.g. 便利店
 * CONVENIENCE 4 %) is all it takes for customers of that tier to be recorded and quoted ({@link StoreTiers}). Unknown
 * tiers are refused, never defaulted: a misspelt tier would otherwise silently quote 0% (use {@code OTHER} for
 * "no tier").
 */
@Service
class RebatePolicy implements StoreTiers {
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"]*)\"");
    public static final String DECISION = "rebatePolicy";
    public static final String INPUT_CUSTOMER_TIER = "customerTier";
    public static final String OUTPUT_REBATE_RATE = "rebateRate";
    public static final int SCALE = 4;

    private final ProcessEngine engine;
    private final DecisionService decisions;
    /** tiers per decision definition id: a deployed definition never changes */
    private final Map<String, List<String>> tiersByDefinition = new ConcurrentHashMap<>();

    public RebatePolicy(ProcessEngine engine) {
        this.engine = engine;
        this.decisions = engine.getDecisionService();
    }

    /**
     * @param customerTier a tier of the deployed decision (exact, upper case; surrounding blanks ignored)
     * @return the rebate as a fraction at scale 4, e.g. 0.0800 for 8%
     * @throws InvalidInputException naming {@code customerTier} if it is missing or no known tier
     * @throws IllegalStateException if the deployed decision gives no single rate for a known tier
     */
    public BigDecimal rebateRate(String customerTier) {
        List<String> known = codes();
        if (customerTier == null || customerTier.isBlank()) {
            throw new InvalidInputException("customerTier", "required", "客户等级必填 is required; one of " + known);
        }
        String tier = customerTier.strip();
        if (!known.contains(tier)) {
            throw new InvalidInputException("customerTier", "known-tier",
                    "'" + tier + "' 不是客户等级 is no customer tier; use one of " + known);
        }
        DmnDecisionResult result = withoutAuthorization(() -> decisions.evaluateDecisionByKey(DECISION)
                .variables(Variables.createVariables().putValue(INPUT_CUSTOMER_TIER, tier))
                .evaluate());
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

    /** The tiers of the latest deployed decision: its input's allowed values, else the strings its rules test. */
    @Override
    public List<String> codes() {
        DecisionDefinition latest = withoutAuthorization(() -> engine.getRepositoryService().createDecisionDefinitionQuery()
                .decisionDefinitionKey(DECISION).latestVersion().singleResult());
        if (latest == null) {
            throw new IllegalStateException("decision " + DECISION + " is not deployed (bpmn/rebate-policy.dmn)");
        }
        return tiersByDefinition.computeIfAbsent(latest.getId(), id -> tiers(withoutAuthorization(
                () -> engine.getRepositoryService().getDmnModelInstance(id))));
    }

    private static List<String> tiers(DmnModelInstance model) {
        DecisionTable table = model.getModelElementsByType(DecisionTable.class).stream()
                .filter(t -> DECISION.equals(((org.camunda.bpm.model.dmn.instance.Decision) t.getParentElement()).getId()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no decision table " + DECISION));
        List<Input> inputs = new ArrayList<>(table.getInputs());
        int index = -1;
        for (int i = 0; i < inputs.size(); i++) {
            var expression = inputs.get(i).getInputExpression();
            if (expression != null && expression.getText() != null
                    && INPUT_CUSTOMER_TIER.equals(expression.getText().getTextContent().strip())) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalStateException("decision " + DECISION + " has no input " + INPUT_CUSTOMER_TIER);
        }
        List<String> codes = new ArrayList<>();
        Input input = inputs.get(index);
        if (input.getInputValues() != null && input.getInputValues().getText() != null) {
            literals(input.getInputValues().getText().getTextContent(), codes);
        }
        if (codes.isEmpty()) {
            for (Rule rule : table.getRules()) {
                literals(new ArrayList<>(rule.getInputEntries()).get(index).getTextContent(), codes);
            }
        }
        return List.copyOf(codes);
    }

    private static void literals(String text, List<String> into) {
        Matcher m = STRING_LITERAL.matcher(text == null ? "" : text);
        while (m.find()) {
            if (!into.contains(m.group(1))) {
                into.add(m.group(1));
            }
        }
    }

    private <T> T withoutAuthorization(Supplier<T> action) {
        var commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
        return commands.execute(context -> context.runWithoutAuthorization((java.util.concurrent.Callable<T>) action::get));
    }
}
