package org.leadtocash.lead;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.leadtocash.shared.EngineAsSystem;
import org.springframework.stereotype.Service;

/**
 * The owner's assignment policy, decision {@value #DECISION} in {@code bpmn/lead-policy.dmn}: how many open leads a rep
 * may hold before assignment skips him, and how many days "recently signed deals" look back. Read from the
 * latest deployed version on every use, so a process owner changes it in Camunda Modeler and deploys, with no restart
 * and no configuration. The parsed table is kept per decision definition id; evaluating it writes no history.
 */
@Service
public class LeadPolicy {
    public static final String DECISION = "leadPolicy";
    private final RepositoryService repositoryService;
    private final DmnEngine dmnEngine;
    private final EngineAsSystem asSystem;
    private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();

    public LeadPolicy(RepositoryService repositoryService, EngineAsSystem asSystem) {
        this.repositoryService = repositoryService;
        // a stand-alone DMN engine: evaluated outside any engine command, and no decision history per assignment
        this.dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        this.asSystem = asSystem;
    }

    /** The values that apply to a team (region code; null = no particular region). */
    public record Values(int maxOpenLeads, Duration signedDealWindow) {
    }

    public Values forRegion(String region) {
        DmnDecision decision = asSystem.run(this::latest);
        Map<String, Object> variables = new HashMap<>();
        variables.put("region", region);
        DmnDecisionResultEntries row = dmnEngine.evaluateDecision(decision, variables).getFirstResult();
        if (row == null) {
            throw new IllegalStateException("decision " + DECISION + " has no row for region " + region
                    + ": add a row (e.g. region '-') in bpmn/lead-policy.dmn and deploy it");
        }
        int max = number(row.get("maxOpenLeads"), "maxOpenLeads");
        int days = number(row.get("signedDealWindowDays"), "signedDealWindowDays");
        return new Values(max, Duration.ofDays(days));
    }

    public int maxOpenLeads(String region) {
        return forRegion(region).maxOpenLeads();
    }

    public Duration signedDealWindow() {
        return forRegion(null).signedDealWindow();
    }

    private DmnDecision latest() {
        DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION)
                .latestVersion().withoutTenantId().singleResult();
        if (definition == null) {
            throw new IllegalStateException("decision " + DECISION + " (bpmn/lead-policy.dmn) is not deployed");
        }
        return parsed.computeIfAbsent(definition.getId(), id -> {
            try (InputStream xml = repositoryService.getDecisionModel(id)) {
                return dmnEngine.parseDecision(DECISION, xml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static int number(Object value, String output) {
        if (!(value instanceof Number n) || n.intValue() < 0) {
            throw new IllegalStateException("decision " + DECISION + ": output " + output + " must be a whole number >= 0, was " + value);
        }
        return n.intValue();
    }
}
