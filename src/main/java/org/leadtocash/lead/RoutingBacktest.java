package org.leadtocash.lead;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.leadtocash.shared.EngineAsSystem;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Routing backtest: before deploying a changed routing table, an owner evaluates it against the leads of the last days
 * and sees which would go to a different team or preferred reps, and by which rule before and after. Read only: the
 * submitted table is parsed by a DMN engine of its own (FEEL only, no history, nothing deployed), the deployed table is
 * evaluated the same way, and only {@code sales_lead} is read. Bounded input: {@value #MAX_BYTES} bytes,
 * {@value #MAX_RULES} rules, {@value #MAX_DAYS} days, the newest {@value #MAX_LEADS} leads.
 */
@Service
public class RoutingBacktest {
    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_RULES = 200;
    static final int MAX_DAYS = 90;
    static final int MAX_LEADS = 10_000;

    private final JdbcClient jdbc;
    private final RepositoryService repository;
    private final EngineAsSystem engine;
    private final EngineClock clock;

    RoutingBacktest(JdbcClient jdbc, RepositoryService repository, EngineAsSystem engine, EngineClock clock) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.engine = engine;
        this.clock = clock;
    }

    /** The matched rule and outputs of one table for one lead; rule null when no rule matched. */
    public record Routing(String ruleId, String ruleAnnotation, String ruleName, String team, List<String> preferredReps) {
        boolean sameTarget(Routing other) {
            return Objects.equals(team, other.team) && preferredReps.equals(other.preferredReps);
        }
    }

    /** A lead the submitted table routes differently: its inputs, who has it now, the routing before and after. */
    public record ChangedLead(String leadId, Instant createdAt, String source, String region, BigDecimal budgetCny,
                              String assignee, Routing before, Routing after) {
    }

    /** The answer: how many leads were evaluated in which window, and the ones that would change. */
    public record Result(int days, Instant from, int leadsEvaluated, boolean leadsCapped, int rules, int changedCount,
                         List<ChangedLead> changed) {
    }

    /** Evaluates the submitted DMN file's {@code leadRouting} decision against the leads of the last {@code days} days. */
    public Result run(byte[] dmn, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("days", "range", "days must be between 1 and " + MAX_DAYS);
        }
        if (dmn == null || dmn.length == 0) {
            throw new InvalidInputException("file", "required", "submit the changed DMN file (lead-routing.dmn)");
        }
        if (dmn.length > MAX_BYTES) {
            throw new InvalidInputException("file", "size", "the DMN file is larger than " + MAX_BYTES / 1024 + " KB");
        }
        int rules = checkFeelOnly(dmn);
        DmnEngine dmnEngine = feelOnlyEngine();
        DmnDecision after = decision(dmnEngine, dmn, "file");
        DmnDecision before = decision(dmnEngine, deployedTable(), "deployed");
        Map<String, String> annotationsAfter = annotations(dmn);
        Map<String, String> annotationsBefore = annotations(deployedTable());

        Instant to = clock.now();
        Instant from = to.minus(Duration.ofDays(days));
        List<Row> leads = jdbc.sql("SELECT id, source, region, budget_cny, product_interest, assignee, created_at FROM sales_lead"
                        + " WHERE created_at >= :from AND created_at <= :to ORDER BY created_at DESC, id FETCH FIRST "
                        + (MAX_LEADS + 1) + " ROWS ONLY")
                .param("from", java.sql.Timestamp.from(from)).param("to", java.sql.Timestamp.from(to))
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("source"), rs.getString("region"),
                        rs.getBigDecimal("budget_cny"), rs.getString("product_interest"), rs.getString("assignee"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        boolean capped = leads.size() > MAX_LEADS;
        if (capped) {
            leads = leads.subList(0, MAX_LEADS);
        }
        List<ChangedLead> changed = new ArrayList<>();
        for (Row lead : leads) {
            Routing was = evaluate(dmnEngine, before, annotationsBefore, lead);
            Routing would = evaluate(dmnEngine, after, annotationsAfter, lead);
            if (!was.sameTarget(would)) {
                changed.add(new ChangedLead(lead.id(), lead.createdAt(), lead.source(), lead.region(), lead.budgetCny(),
                        lead.assignee(), was, would));
            }
        }
        return new Result(days, from, leads.size(), capped, rules, changed.size(), changed);
    }

    private record Row(String id, String source, String region, BigDecimal budgetCny, String productInterest, String assignee,
                       Instant createdAt) {
    }

    /** The routing the table gives the lead, with the same inputs the process gives the decision. */
    private static Routing evaluate(DmnEngine dmnEngine, DmnDecision decision, Map<String, String> annotations, Row lead) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(LeadRoutingProcess.Vars.SOURCE, lead.source());
        vars.put(LeadRoutingProcess.Vars.REGION, lead.region());
        vars.put(LeadRoutingProcess.Vars.BUDGET_CNY, lead.budgetCny().doubleValue());
        vars.put(LeadRoutingProcess.Vars.PRODUCT_INTEREST, lead.productInterest());
        MatchedRules matched = MATCHED.get();
        matched.rules.clear();
        var result = dmnEngine.evaluateDecision(decision, vars).getFirstResult();
        DmnEvaluatedDecisionRule rule = matched.rules.isEmpty() ? null : matched.rules.get(0);
        if (result == null) {
            return new Routing(null, null, null, null, List.of());
        }
        Object team = result.get("team");
        Object preferred = result.get("preferredReps");
        Object name = result.get("ruleName");
        List<String> reps = preferred == null ? List.of() : Arrays.stream(preferred.toString().split("[,，;\\s]+"))
                .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        String ruleId = rule == null ? null : rule.getId();
        return new Routing(ruleId, ruleId == null ? null : annotations.get(ruleId), name == null ? null : name.toString(),
                team == null || team.toString().isBlank() ? lead.region() : team.toString().strip(), reps);
    }

    /** The rules the last evaluation of the routing decision matched (this thread's evaluation only). */
    private static final class MatchedRules {
        final List<DmnEvaluatedDecisionRule> rules = new ArrayList<>();
    }

    private static final ThreadLocal<MatchedRules> MATCHED = ThreadLocal.withInitial(MatchedRules::new);

    private static final DmnDecisionEvaluationListener RECORD_MATCHES = (DmnDecisionEvaluationEvent event) -> {
        if (event.getDecisionResult() instanceof DmnDecisionTableEvaluationEvent table
                && LeadRoutingProcess.DECISION.equals(table.getDecision().getKey())) {
            MATCHED.get().rules.addAll(table.getMatchingRules());
        }
    };

    /** A DMN engine of the backtest's own: FEEL for every expression, no history, no engine behind it. */
    private static DmnEngine feelOnlyEngine() {
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        configuration.setDefaultInputExpressionExpressionLanguage("feel");
        configuration.setDefaultInputEntryExpressionLanguage("feel");
        configuration.setDefaultOutputEntryExpressionLanguage("feel");
        configuration.setDefaultLiteralExpressionLanguage("feel");
        configuration.customPostDecisionEvaluationListeners(List.of(RECORD_MATCHES));
        return configuration.buildEngine();
    }

    private static DmnDecision decision(DmnEngine dmnEngine, byte[] dmn, String field) {
        try {
            return dmnEngine.parseDecision(LeadRoutingProcess.DECISION, new ByteArrayInputStream(dmn));
        } catch (RuntimeException e) {
            throw new InvalidInputException(field, "dmn", "the DMN file has no readable decision '"
                    + LeadRoutingProcess.DECISION + "': " + e.getMessage());
        }
    }

    private byte[] deployedTable() {
        return engine.run(() -> {
            DecisionDefinition deployed = repository.createDecisionDefinitionQuery()
                    .decisionDefinitionKey(LeadRoutingProcess.DECISION).latestVersion().singleResult();
            if (deployed == null) {
                throw new IllegalStateException(LeadRoutingProcess.DECISION + " is not deployed");
            }
            try (InputStream in = repository.getResourceAsStream(deployed.getDeploymentId(), deployed.getResourceName())) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Refuses any expression language but FEEL and more than {@value #MAX_RULES} rules; returns the rule count. */
    private static int checkFeelOnly(byte[] dmn) {
        Document doc = parse(dmn);
        int rules = 0;
        for (Element e : elements(doc.getDocumentElement())) {
            String language = e.getAttribute("expressionLanguage").strip();
            if (!language.isEmpty() && !language.toLowerCase(Locale.ROOT).contains("feel")) {
                throw new InvalidInputException("file", "feel-only", "only FEEL is evaluated: " + e.getLocalName()
                        + (e.hasAttribute("id") ? " " + e.getAttribute("id") : "") + " has expressionLanguage=\"" + language + "\"");
            }
            if (e.getLocalName().equals("rule")) {
                rules++;
            }
        }
        if (rules > MAX_RULES) {
            throw new InvalidInputException("file", "rules", "the table has " + rules + " rules; at most " + MAX_RULES + " are evaluated");
        }
        return rules;
    }

    /** Rule id → its annotation (the description Modeler shows in the table's last column). */
    private static Map<String, String> annotations(byte[] dmn) {
        Map<String, String> out = new HashMap<>();
        for (Element e : elements(parse(dmn).getDocumentElement())) {
            if (e.getLocalName().equals("rule")) {
                for (Element c : elements(e)) {
                    if (c.getLocalName().equals("description")) {
                        out.put(e.getAttribute("id"), c.getTextContent().strip());
                    }
                }
            }
        }
        return out;
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new InvalidInputException("file", "xml", "not a readable DMN file: " + e.getMessage());
        }
    }

    private static List<Element> elements(Element root) {
        List<Element> out = new ArrayList<>();
        out.add(root);
        for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                out.addAll(elements(child));
            }
        }
        return out;
    }
}
