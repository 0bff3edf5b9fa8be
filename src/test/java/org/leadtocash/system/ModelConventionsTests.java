package org.leadtocash.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The house conventions of design.md over every diagram in {@code bpmn/} and form in {@code forms/}: collects every
 * violation, then fails with the whole report.
 */
@AppTest
class ModelConventionsTests {
    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";
    static final String DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/";
    static final String MODELER = "http://camunda.org/schema/modeler/1.0";

    static final Pattern GENERATED = Pattern.compile("^[A-Za-z]+_[0-9a-z]{7}$|^(Activity|Flow|Event|Gateway)_[0-9a-z]+$");
    static final Pattern EXPRESSION_BEAN = Pattern.compile("^\\$\\{([A-Za-z][A-Za-z0-9]*)}$");
    static final Pattern CHINESE_THEN_ENGLISH = Pattern.compile("^[\\p{IsHan}0-9][^A-Za-z]*[\\p{IsHan}？?][^\\n]* [A-Za-z0-9].*$|^[\\p{IsHan}].*[A-Za-z].*$");
    /** delegates that reach the outside world (by a camelCase word of their bean name) must be async with a retry cycle */
    static final Set<String> OUTSIDE_WORLD_WORDS = Set.of("notify", "send", "voice", "sms", "ding", "u8", "erp", "hand");

    static boolean callsOutsideWorld(String beanName) {
        return java.util.Arrays.stream(beanName.split("(?=[A-Z])")).map(w -> w.toLowerCase(java.util.Locale.ROOT))
                .anyMatch(OUTSIDE_WORLD_WORDS::contains);
    }

    static final Map<String, String> PREFIX = Map.ofEntries(
            Map.entry("userTask", "Task_"), Map.entry("serviceTask", "Task_"), Map.entry("businessRuleTask", "Task_"),
            Map.entry("sendTask", "Task_"), Map.entry("receiveTask", "Task_"), Map.entry("manualTask", "Task_"),
            Map.entry("callActivity", "CallActivity_"), Map.entry("subProcess", "SubProcess_"),
            Map.entry("startEvent", "StartEvent_"), Map.entry("endEvent", "EndEvent_"),
            Map.entry("boundaryEvent", "BoundaryEvent_"), Map.entry("intermediateCatchEvent", "Event_"),
            Map.entry("intermediateThrowEvent", "Event_"), Map.entry("exclusiveGateway", "Gateway_"),
            Map.entry("parallelGateway", "Gateway_"), Map.entry("inclusiveGateway", "Gateway_"),
            Map.entry("eventBasedGateway", "Gateway_"), Map.entry("sequenceFlow", "SequenceFlow_"),
            Map.entry("message", "Message_"), Map.entry("error", "Error_"), Map.entry("signal", "Signal_"),
            Map.entry("timerEventDefinition", "TimerEventDefinition_"), Map.entry("textAnnotation", "TextAnnotation_"),
            Map.entry("association", "Association_"), Map.entry("collaboration", "Collaboration_"),
            Map.entry("participant", "Participant_"), Map.entry("lane", "Lane_"), Map.entry("laneSet", "LaneSet_"));
    static final Set<String> FLOW_NODES_AND_FLOWS = Set.of("userTask", "serviceTask", "businessRuleTask", "sendTask",
            "receiveTask", "manualTask", "callActivity", "subProcess", "startEvent", "endEvent", "boundaryEvent",
            "intermediateCatchEvent", "intermediateThrowEvent", "exclusiveGateway", "parallelGateway", "inclusiveGateway",
            "eventBasedGateway", "sequenceFlow", "textAnnotation", "association", "participant", "lane");
    static final Set<String> NAMED = Set.of("userTask", "serviceTask", "businessRuleTask", "sendTask", "receiveTask",
            "callActivity", "subProcess", "startEvent", "endEvent", "boundaryEvent", "intermediateCatchEvent",
            "intermediateThrowEvent");

    @Autowired ApplicationContext context;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void diagramsAndFormsFollowTheHouseConventions() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Path> forms = forms(problems);
        Set<String> decisions = decisions(problems);
        Set<String> referencedForms = new HashSet<>();
        List<Path> bpmnFiles = files("bpmn", ".bpmn");
        assertThat(bpmnFiles).as("bpmn/*.bpmn").isNotEmpty();
        for (Path file : bpmnFiles) {
            checkBpmn(file, forms, decisions, referencedForms, problems);
        }
        for (String form : forms.keySet()) {
            if (!referencedForms.contains(form)) {
                problems.add(forms.get(form) + ": form " + form + " is used by no diagram");
            }
        }
        assertThat(problems).as("convention violations:\n" + String.join("\n", problems)).isEmpty();
    }

    @Test
    void reportsEveryViolationOfABrokenDiagram(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.bpmn");
        Files.writeString(broken, """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Broken" targetNamespace="x">
                  <bpmn:process id="BrokenProcess" isExecutable="true">
                    <bpmn:startEvent id="StartEvent_Go" name="Start only English" />
                    <bpmn:serviceTask id="Activity_0abc123" name="发送 Send" camunda:class="x.Y" />
                    <bpmn:serviceTask id="Task_Notify" name="通知 Notify" camunda:delegateExpression="${notifyNobodyDelegate}" />
                    <bpmn:userTask id="Task_NoForm" name="审批 Approve" />
                    <bpmn:businessRuleTask id="Task_Decide" name="决策 Decide" camunda:decisionRef="noSuchDecision" />
                  </bpmn:process>
                </bpmn:definitions>
                """);
        List<String> problems = new ArrayList<>();
        checkBpmn(broken, Map.of(), Set.of(), new HashSet<>(), problems);
        String report = String.join("\n", problems);
        assertThat(report)
                .contains("modeler:executionPlatform")
                .contains("camunda:historyTimeToLive")
                .contains("Activity_0abc123: generated id")
                .contains("Activity_0abc123: id must start with Task_")
                .contains("no diagram shape (DI)")
                .contains("'Start only English' must be Chinese first")
                .contains("no script tasks and no camunda:class")
                .contains("bean 'notifyNobodyDelegate' does not exist")
                .contains("Task_NoForm: user task needs a Camunda Form")
                .contains("decisionRef 'noSuchDecision'");
    }

    private void checkBpmn(Path file, Map<String, Path> forms, Set<String> decisions, Set<String> referencedForms,
                           List<String> problems) throws Exception {
        Document doc = parse(file);
        Element definitions = doc.getDocumentElement();
        if (!"Camunda Platform".equals(definitions.getAttributeNS(MODELER, "executionPlatform"))
                || !"7.24.0".equals(definitions.getAttributeNS(MODELER, "executionPlatformVersion"))) {
            problems.add(file + ": definitions must declare modeler:executionPlatform 'Camunda Platform' 7.24.0");
        }
        Set<String> withDi = new HashSet<>();
        for (String tag : List.of("BPMNShape", "BPMNEdge")) {
            NodeList di = doc.getElementsByTagNameNS(BPMNDI, tag);
            for (int i = 0; i < di.getLength(); i++) {
                withDi.add(((Element) di.item(i)).getAttribute("bpmnElement"));
            }
        }
        NodeList all = doc.getElementsByTagNameNS(BPMN, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String tag = e.getLocalName();
            String id = e.getAttribute("id");
            String where = file + ": " + tag + " " + id;
            if (!id.isEmpty() && GENERATED.matcher(id).matches()) {
                problems.add(where + ": generated id; give it a meaningful one");
            }
            String prefix = PREFIX.get(tag);
            if (prefix != null && !id.startsWith(prefix)) {
                problems.add(where + ": id must start with " + prefix);
            }
            if (FLOW_NODES_AND_FLOWS.contains(tag) && !withDi.contains(id)) {
                problems.add(where + ": no diagram shape (DI)");
            }
            if (NAMED.contains(tag)) {
                String name = e.getAttribute("name");
                if (name.isBlank() || !CHINESE_THEN_ENGLISH.matcher(name).matches()) {
                    problems.add(where + ": name '" + name + "' must be Chinese first, then English");
                }
            }
            if ("process".equals(tag) && "true".equals(e.getAttribute("isExecutable"))
                    && e.getAttributeNS(CAMUNDA, "historyTimeToLive").isBlank()) {
                problems.add(where + ": executable process needs camunda:historyTimeToLive");
            }
            if ("scriptTask".equals(tag) || !e.getAttributeNS(CAMUNDA, "class").isBlank()) {
                problems.add(where + ": no script tasks and no camunda:class; use camunda:delegateExpression");
            }
            String delegate = e.getAttributeNS(CAMUNDA, "delegateExpression");
            if (!delegate.isBlank()) {
                Matcher m = EXPRESSION_BEAN.matcher(delegate);
                if (!m.matches()) {
                    problems.add(where + ": delegateExpression '" + delegate + "' must be ${beanName}");
                } else if (!context.containsBean(m.group(1))) {
                    problems.add(where + ": delegateExpression bean '" + m.group(1) + "' does not exist");
                } else if (callsOutsideWorld(m.group(1))) {
                    if (!"true".equals(e.getAttributeNS(CAMUNDA, "asyncBefore"))
                            || e.getElementsByTagNameNS(CAMUNDA, "failedJobRetryTimeCycle").getLength() == 0) {
                        problems.add(where + ": calls the outside world: needs camunda:asyncBefore and a failedJobRetryTimeCycle");
                    }
                }
            }
            if ("serviceTask".equals(tag) && delegate.isBlank()) {
                problems.add(where + ": service task without camunda:delegateExpression");
            }
            String formRef = e.getAttributeNS(CAMUNDA, "formRef");
            if ("userTask".equals(tag) && formRef.isBlank()) {
                problems.add(where + ": user task needs a Camunda Form (camunda:formRef)");
            }
            if (!formRef.isBlank()) {
                referencedForms.add(formRef);
                if (!forms.containsKey(formRef)) {
                    problems.add(where + ": formRef '" + formRef + "' is defined by no file in forms/");
                }
                if (!"deployment".equals(e.getAttributeNS(CAMUNDA, "formRefBinding"))) {
                    problems.add(where + ": formRefBinding must be 'deployment'");
                }
            }
            String decisionRef = e.getAttributeNS(CAMUNDA, "decisionRef");
            if (!decisionRef.isBlank() && !decisions.contains(decisionRef)) {
                problems.add(where + ": decisionRef '" + decisionRef + "' is defined by no DMN file in bpmn/");
            }
        }
    }

    private Set<String> decisions(List<String> problems) throws Exception {
        Set<String> ids = new HashSet<>();
        for (Path file : files("bpmn", ".dmn")) {
            Document doc = parse(file);
            Set<String> withDi = new HashSet<>();
            NodeList shapes = doc.getElementsByTagNameNS(DMNDI, "DMNShape");
            for (int i = 0; i < shapes.getLength(); i++) {
                withDi.add(((Element) shapes.item(i)).getAttribute("dmnElementRef"));
            }
            NodeList decisions = doc.getElementsByTagNameNS(DMN, "decision");
            for (int i = 0; i < decisions.getLength(); i++) {
                Element d = (Element) decisions.item(i);
                String id = d.getAttribute("id");
                ids.add(id);
                if (!withDi.contains(id)) {
                    problems.add(file + ": decision " + id + " has no DMNDI shape");
                }
                if (d.getAttributeNS("http://camunda.org/schema/1.0/dmn", "historyTimeToLive").isBlank()) {
                    problems.add(file + ": decision " + id + " needs camunda:historyTimeToLive");
                }
            }
            NodeList all = doc.getElementsByTagNameNS(DMN, "*");
            for (int i = 0; i < all.getLength(); i++) {
                String id = ((Element) all.item(i)).getAttribute("id");
                if (!id.isEmpty() && GENERATED.matcher(id).matches()) {
                    problems.add(file + ": generated id " + id);
                }
            }
        }
        return ids;
    }

    private Map<String, Path> forms(List<String> problems) throws IOException {
        Map<String, Path> forms = new HashMap<>();
        for (Path file : files("forms", ".form")) {
            JsonNode form;
            try {
                form = json.readTree(file.toFile());
            } catch (IOException e) {
                problems.add(file + ": not valid JSON: " + e.getMessage());
                continue;
            }
            String id = form.path("id").asText();
            if (id.isEmpty()) {
                problems.add(file + ": form has no id");
                continue;
            }
            if (forms.put(id, file) != null) {
                problems.add(file + ": form id " + id + " is used twice");
            }
            if (!"Camunda Platform".equals(form.path("executionPlatform").asText())) {
                problems.add(file + ": executionPlatform must be 'Camunda Platform'");
            }
            Set<String> keys = new HashSet<>();
            for (JsonNode c : form.path("components")) {
                String cid = c.path("id").asText();
                if (GENERATED.matcher(cid).matches()) {
                    problems.add(file + ": component id " + cid + " is generated");
                }
                if (c.has("key") && !keys.add(c.path("key").asText())) {
                    problems.add(file + ": key " + c.path("key").asText() + " appears twice");
                }
                if (c.has("label") && !Pattern.compile("^\\p{IsHan}").matcher(c.path("label").asText()).find()) {
                    problems.add(file + ": label '" + c.path("label").asText() + "' must start in Chinese");
                }
            }
        }
        return forms;
    }

    private static List<Path> files(String dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(Path.of(dir))) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    @SuppressWarnings("unused")
    private static boolean isElement(Node n) {
        return n.getNodeType() == Node.ELEMENT_NODE;
    }
}
