package org.leadtocash.payment;

import static org.leadtocash.shared.ModelProperties.property;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.leadtocash.shared.EngineAsSystem;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.leadtocash.payment.PaymentJourneyProcess.Breaker;
import org.springframework.stereotype.Service;

/**
 * Each node's breaker period as drawn in a deployed version of {@code PaymentJourneyProcess}: the timers marked
 * {@code camunda:property breaker=true}, their {@code node} property and the period of their literal cycle
 * ({@code R/PT48H} → 48 h). Found by the markers, never by element id (owners redraw); a deployed version is immutable,
 * so each version is read once.
 */
@Service
class BreakerTimers {
    private static final Pattern CYCLE = Pattern.compile("^R\\d*/(P[^/]+)$");

    private final RepositoryService repositoryService;
    private final RuntimeService runtimeService;
    private final EngineAsSystem engine;
    private final Map<String, Map<JourneyNode, Duration>> byDefinition = new ConcurrentHashMap<>();

    /** Reads run as the system: whoever asks (a rep's stuck view, a finance user's task) may not read definitions. */
    BreakerTimers(RepositoryService repositoryService, RuntimeService runtimeService, EngineAsSystem engine) {
        this.repositoryService = repositoryService;
        this.runtimeService = runtimeService;
        this.engine = engine;
    }

    /** The breaker period of the node in this process version. */
    Duration breakerAfter(String processDefinitionId, JourneyNode node) {
        Duration after = of(processDefinitionId).get(node);
        if (after == null) {
            throw new IllegalStateException(processDefinitionId + ": no timer marked camunda:property " + Breaker.PROPERTY
                    + "=true with " + Breaker.NODE + "=" + node);
        }
        return after;
    }

    /** Every node's breaker period in this process version. */
    Map<JourneyNode, Duration> of(String processDefinitionId) {
        Map<JourneyNode, Duration> known = byDefinition.get(processDefinitionId);
        if (known != null) {
            return known;
        }
        Map<JourneyNode, Duration> read = read(engine.run(() -> repositoryService.getBpmnModelInstance(processDefinitionId)),
                processDefinitionId);
        byDefinition.putIfAbsent(processDefinitionId, read);
        return read;
    }

    /** The shortest breaker period of any deployed version: nothing can be stuck before it ran out. */
    Duration shortest() {
        return engine.run(() -> repositoryService.createProcessDefinitionQuery().processDefinitionKey(PaymentJourneyProcess.KEY)
                        .list())
                .stream().flatMap(d -> of(d.getId()).values().stream()).min(Duration::compareTo)
                .orElseThrow(() -> new IllegalStateException(PaymentJourneyProcess.KEY + " is not deployed"));
    }

    /** The version a journey's instance runs; the newest version for a journey without a running instance. */
    String definitionOf(String processInstanceId) {
        return definitionsOf(processInstanceId == null ? List.of() : List.of(processInstanceId))
                .getOrDefault(processInstanceId, latest());
    }

    /** The version each running instance runs, by process instance id (instances not running are left out). */
    Map<String, String> definitionsOf(Collection<String> processInstanceIds) {
        Map<String, String> out = new HashMap<>();
        var ids = new HashSet<>(processInstanceIds);
        ids.remove(null);
        if (!ids.isEmpty()) {
            for (ProcessInstance pi : engine.run(() -> runtimeService.createProcessInstanceQuery().processInstanceIds(ids).list())) {
                out.put(pi.getId(), pi.getProcessDefinitionId());
            }
        }
        return out;
    }

    String latest() {
        ProcessDefinition latest = engine.run(() -> repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(PaymentJourneyProcess.KEY).latestVersion().singleResult());
        if (latest == null) {
            throw new IllegalStateException(PaymentJourneyProcess.KEY + " is not deployed");
        }
        return latest.getId();
    }

    /** The node of the breaker timer the execution is at (a firing), from the timer's {@code node} property. */
    JourneyNode nodeOf(DelegateExecution execution) {
        ModelElementInstance element = execution.getBpmnModelElementInstance();
        String node = element instanceof BaseElement e ? property(e, Breaker.NODE) : null;
        if (node == null) {
            throw new IllegalStateException(execution.getCurrentActivityId() + " has no camunda:property " + Breaker.NODE
                    + ": a payment breaker must name its node");
        }
        return JourneyNode.valueOf(node);
    }

    private static Map<JourneyNode, Duration> read(BpmnModelInstance model, String definitionId) {
        Map<JourneyNode, Duration> out = new EnumMap<>(JourneyNode.class);
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            BaseElement event = (BaseElement) timer.getParentElement();
            if (!"true".equals(property(event, Breaker.PROPERTY))) {
                continue;
            }
            String where = definitionId + ": breaker " + event.getId();
            String node = property(event, Breaker.NODE);
            JourneyNode journeyNode;
            try {
                journeyNode = JourneyNode.valueOf(node);
            } catch (RuntimeException e) {
                throw new IllegalStateException(where + " has camunda:property " + Breaker.NODE + "='" + node
                        + "', not one of the journey's nodes", e);
            }
            String cycle = timer.getTimeCycle() == null ? null : timer.getTimeCycle().getTextContent().strip();
            Matcher m = cycle == null ? null : CYCLE.matcher(cycle);
            Duration period;
            try {
                period = Duration.parse(m != null && m.matches() ? m.group(1) : "");
            } catch (RuntimeException e) {
                throw new IllegalStateException(where + " must have a literal repeating cycle such as R/PT48H as its"
                        + " timeCycle, not '" + cycle + "'", e);
            }
            if (out.put(journeyNode, period) != null) {
                throw new IllegalStateException(where + ": node " + journeyNode + " has more than one breaker");
            }
        }
        return out;
    }

}
