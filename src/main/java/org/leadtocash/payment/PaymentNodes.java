package org.leadtocash.payment;

import static org.leadtocash.shared.ModelProperties.property;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.leadtocash.payment.PaymentJourneyProcess.Breaker;
import org.leadtocash.payment.PaymentJourneyProcess.NodeMarker;
import org.leadtocash.shared.EngineAsSystem;
import org.springframework.stereotype.Service;

/**
 * The payment nodes as drawn in each deployed version of {@code PaymentJourneyProcess}: every user task marked
 * {@code camunda:property paymentNode=<code>} with its number and names ({@link NodeMarker}), and each node's breaker,
 * the timer marked {@code breaker=true} on that task, with the period of its literal cycle ({@code R/PT48H} → 48 h).
 * There is no list of nodes in code: an owner adds a node in Modeler and deploys. Found by the markers, never by element
 * id; a deployed version is immutable, so each is read once. Versions deployed before nodes were marked (breakers with
 * {@code node=<code>} only) are read as nodes in the order of their breakers, named as a marked version names the code.
 */
@Service
class PaymentNodes {
    private static final Pattern CYCLE = Pattern.compile("^R\\d*/(P[^/]+)$");
    /** Stored in VARCHAR(30) columns. */
    static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{0,29}$");

    private final RepositoryService repositoryService;
    private final RuntimeService runtimeService;
    private final EngineAsSystem engine;
    private final Map<String, Drawn> byDefinition = new ConcurrentHashMap<>();

    /** Reads run as the system: whoever asks (a rep's stuck view, a finance user's task) may not read definitions. */
    PaymentNodes(RepositoryService repositoryService, RuntimeService runtimeService, EngineAsSystem engine) {
        this.repositoryService = repositoryService;
        this.runtimeService = runtimeService;
        this.engine = engine;
    }

    /**
     * The nodes of one version, ordered by number.
     *
     * @param breakers    each node's breaker period (a node without a breaker is left out)
     * @param receiptNode the node a bank receipt moves the journey to
     * @param marked      false for a version drawn before nodes were marked
     */
    record Drawn(List<JourneyNode> nodes, Map<String, Duration> breakers, String receiptNode, boolean marked) {
        Optional<JourneyNode> node(String code) {
            return nodes.stream().filter(n -> n.code().equals(code)).findFirst();
        }

        JourneyNode first() {
            return nodes.get(0);
        }

        /** The node after {@code code} by number, if any. */
        Optional<JourneyNode> after(String code) {
            return node(code).flatMap(n -> nodes.stream().filter(o -> o.number() > n.number()).findFirst());
        }
    }

    /** The nodes of this process version. */
    Drawn of(String processDefinitionId) {
        Drawn known = byDefinition.get(processDefinitionId);
        if (known != null) {
            return known;
        }
        Drawn read = read(engine.run(() -> repositoryService.getBpmnModelInstance(processDefinitionId)), processDefinitionId);
        byDefinition.putIfAbsent(processDefinitionId, read);
        return read;
    }

    /** The node with this code in this process version, named as drawn (or as a marked version names it). */
    JourneyNode node(String processDefinitionId, String code) {
        Drawn drawn = of(processDefinitionId);
        if (drawn.marked()) {
            return drawn.node(code).orElseGet(() -> describe(code));
        }
        JourneyNode named = describe(code);
        int legacyNumber = drawn.node(code).map(JourneyNode::number).orElse(0);
        return named.number() > 0 ? named : new JourneyNode(code, legacyNumber, code, code, code, named.suggestion());
    }

    /** The node with this code as the newest marked version that has it draws it. */
    JourneyNode describe(String code) {
        for (String version : versionsNewestFirst()) {
            Drawn drawn = of(version);
            if (drawn.marked()) {
                Optional<JourneyNode> node = drawn.node(code);
                if (node.isPresent()) {
                    return node.get();
                }
            }
        }
        return JourneyNode.unknown(code);
    }

    /** The nodes of the newest version, by number: what a new journey passes. */
    List<JourneyNode> current() {
        String latest = latest();
        return of(latest).nodes().stream().map(n -> node(latest, n.code())).toList();
    }

    /** The breaker period of the node in this process version, or null when the node has no breaker there. */
    Duration breakerAfter(String processDefinitionId, String code) {
        return of(processDefinitionId).breakers().get(code);
    }

    /** The shortest breaker period of any deployed version: nothing can be stuck before it ran out. */
    Duration shortest() {
        return versionsNewestFirst().stream().flatMap(d -> of(d).breakers().values().stream()).min(Duration::compareTo)
                .orElseThrow(() -> new IllegalStateException(PaymentJourneyProcess.KEY + " has no breaker in any version"));
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

    private List<String> versionsNewestFirst() {
        return engine.run(() -> repositoryService.createProcessDefinitionQuery().processDefinitionKey(PaymentJourneyProcess.KEY)
                .orderByProcessDefinitionVersion().desc().list()).stream().map(ProcessDefinition::getId).toList();
    }

    /** The node of the payment-node task the execution is at, from the task's {@code paymentNode} marker. */
    String nodeOfTask(DelegateExecution execution) {
        ModelElementInstance element = execution.getBpmnModelElementInstance();
        String code = element instanceof BaseElement e ? property(e, NodeMarker.CODE) : null;
        if (code == null) {
            throw new IllegalStateException(execution.getCurrentActivityId() + " has no camunda:property " + NodeMarker.CODE
                    + ": only a payment node's task may call the payment node listener");
        }
        return code;
    }

    /** The node of the breaker timer the execution is at (a firing): its {@code node} marker or its task's node. */
    String breakerNodeOf(DelegateExecution execution) {
        ModelElementInstance element = execution.getBpmnModelElementInstance();
        String code = element instanceof BoundaryEvent e ? breakerNode(e, execution.getProcessDefinitionId()) : null;
        if (code == null) {
            throw new IllegalStateException(execution.getCurrentActivityId() + " has no camunda:property " + Breaker.NODE
                    + " and is not attached to a payment node's task: a payment breaker must belong to a node");
        }
        return code;
    }

    /** Reads the nodes and breakers of one diagram; a malformed node or breaker is refused, naming the element. */
    static Drawn read(BpmnModelInstance model, String where) {
        Map<String, JourneyNode> byCode = new LinkedHashMap<>();
        Map<Integer, String> byNumber = new HashMap<>();
        String receipt = null;
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String code = property(task, NodeMarker.CODE);
            if (code == null) {
                continue;
            }
            String at = where + ": payment node " + task.getId();
            if (!CODE.matcher(code).matches()) {
                throw new IllegalStateException(at + ": camunda:property " + NodeMarker.CODE + "='" + code
                        + "' must be upper-case letters, digits and _ (at most 30), e.g. RECONCILIATION_CONFIRMED");
            }
            JourneyNode node = new JourneyNode(code, number(task, at), required(task, NodeMarker.NAME, at),
                    orElse(property(task, NodeMarker.SHORT_NAME), property(task, NodeMarker.NAME)),
                    orElse(property(task, NodeMarker.ENGLISH), code),
                    orElse(property(task, NodeMarker.ADVICE), "电话跟进" + property(task, NodeMarker.NAME)));
            JourneyNode earlier = byCode.putIfAbsent(code, node);
            if (earlier != null && !earlier.equals(node)) {
                throw new IllegalStateException(at + ": node " + code + " is drawn again with other markers than before");
            }
            String taken = byNumber.putIfAbsent(node.number(), code);
            if (taken != null && !taken.equals(code)) {
                throw new IllegalStateException(at + ": number " + node.number() + " is already node " + taken);
            }
            if ("true".equals(property(task, NodeMarker.ON_RECEIPT))) {
                if (receipt != null && !receipt.equals(code)) {
                    throw new IllegalStateException(at + ": only one node may be marked " + NodeMarker.ON_RECEIPT
                            + "=true, and " + receipt + " is");
                }
                receipt = code;
            }
        }
        boolean marked = !byCode.isEmpty();
        Map<String, Duration> breakers = new LinkedHashMap<>();
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            BaseElement event = (BaseElement) timer.getParentElement();
            if (!"true".equals(property(event, Breaker.PROPERTY))) {
                continue;
            }
            String at = where + ": breaker " + event.getId();
            String code = event instanceof BoundaryEvent b ? breakerNode(b, at) : property(event, Breaker.NODE);
            if (code == null || marked && !byCode.containsKey(code)) {
                throw new IllegalStateException(at + " must be attached to a payment node's task (camunda:property "
                        + NodeMarker.CODE + ") or name one in camunda:property " + Breaker.NODE + ", not '" + code + "'");
            }
            String cycle = timer.getTimeCycle() == null ? null : timer.getTimeCycle().getTextContent().strip();
            Matcher m = cycle == null ? null : CYCLE.matcher(cycle);
            Duration period;
            try {
                period = Duration.parse(m != null && m.matches() ? m.group(1) : "");
            } catch (RuntimeException e) {
                throw new IllegalStateException(at + " must have a literal repeating cycle such as R/PT48H as its"
                        + " timeCycle, not '" + cycle + "'", e);
            }
            if (breakers.put(code, period) != null) {
                throw new IllegalStateException(at + ": node " + code + " has more than one breaker");
            }
        }
        List<JourneyNode> nodes = new ArrayList<>(byCode.values());
        if (!marked) {
            // drawn before nodes were marked: the breakers, in the diagram's order, are the nodes; money moves to the last
            for (String code : breakers.keySet()) {
                nodes.add(new JourneyNode(code, nodes.size() + 1, code, code, code, "电话跟进"));
            }
            receipt = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1).code();
        }
        if (nodes.isEmpty()) {
            throw new IllegalStateException(where + ": no user task is marked camunda:property " + NodeMarker.CODE);
        }
        nodes.sort(Comparator.comparingInt(JourneyNode::number));
        return new Drawn(List.copyOf(nodes), Map.copyOf(breakers), receipt, marked);
    }

    /** The breaker's {@code node} marker, or the node of the task it is attached to; both must agree. */
    private static String breakerNode(BoundaryEvent event, String at) {
        String named = property(event, Breaker.NODE);
        Activity task = event.getAttachedTo();
        String ofTask = task == null ? null : property(task, NodeMarker.CODE);
        if (named != null && ofTask != null && !named.equals(ofTask)) {
            throw new IllegalStateException(at + ": camunda:property " + Breaker.NODE + "=" + named
                    + " but it is attached to node " + ofTask);
        }
        return named != null ? named : ofTask;
    }

    private static int number(UserTask task, String at) {
        String value = property(task, NodeMarker.NUMBER);
        try {
            int n = Integer.parseInt(value == null ? "" : value.strip());
            if (n >= 1 && n <= 99) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalStateException(at + ": camunda:property " + NodeMarker.NUMBER + " must be a number from 1 to 99,"
                + " not '" + value + "'");
    }

    private static String required(UserTask task, String name, String at) {
        String value = property(task, name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(at + ": camunda:property " + name + " is required");
        }
        return value.strip();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
