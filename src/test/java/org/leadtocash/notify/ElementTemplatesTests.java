package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every Camunda Modeler element template in {@code element-templates/}: it is a C7 template the Modeler accepts
 * (fields and binding types of the C7 schema), its delegate expressions (and listeners') name real beans, and a service
 * task with a notification template applied as Modeler writes it deploys and sends through the channel it names.
 */
@AppTest
class ElementTemplatesTests {
    private static final Path DIR = Path.of("element-templates");
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final Set<String> TYPES = Set.of("String", "Text", "Boolean", "Dropdown", "Hidden");
    private static final Map<String, Set<String>> TYPES_PER_BINDING = Map.of(
            "property", TYPES,
            "camunda:inputParameter", Set.of("String", "Text", "Hidden", "Dropdown"),
            "camunda:property", Set.of("String", "Hidden", "Dropdown"),
            "camunda:executionListener", Set.of("Hidden"));
    /** What an owner would type into the fields the template leaves empty. */
    private static final Map<String, String> SAMPLES = Map.of(
            "recipients", "role:manager, mobile:${contactMobile}",
            "title", "线索超时 ${leadId}",
            "text", "客户 ${companyName} 尚未分配",
            "smsTemplateCode", "SMS_480000001",
            "templateParams", "{\"lead\":\"${leadId}\"}");

    @Autowired ApplicationContext context;
    @Autowired NotificationService notifications;
    @Autowired TestData data;

    @BeforeEach
    void setUp() {
        data.reset();
    }

    @Test
    void theFourNotificationTemplatesAreShipped() throws IOException {
        assertThat(templates()).extracting(t -> t.get("name").asText())
                .contains("钉钉通知 DingTalk notice", "企业微信通知 WeCom notice", "短信 SMS", "语音电话 Voice call");
    }

    @Test
    void everyTemplateIsAValidCamunda7TemplateWhoseDelegateIsARealBean() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode t : templates()) {
            String name = t.path("name").asText("(no name)");
            for (String required : List.of("name", "id", "appliesTo", "properties")) {
                if (!t.hasNonNull(required)) {
                    problems.add(name + ": " + required + " is required");
                }
            }
            if (!t.path("$schema").asText().contains("@camunda/element-templates-json-schema")) {
                problems.add(name + ": $schema must be the Camunda 7 element template schema");
            }
            if (!t.path("version").isInt()) {
                problems.add(name + ": version must be an integer");
            }
            if (!ids.add(t.path("id").asText() + "@" + t.path("version").asInt())) {
                problems.add(name + ": id and version " + t.path("id").asText() + " used twice");
            }
            t.path("appliesTo").forEach(a -> {
                if (!a.asText().matches("bpmn:[A-Z][A-Za-z]+")) {
                    problems.add(name + ": appliesTo " + a.asText() + " is not a BPMN type");
                }
            });
            Set<String> groups = new java.util.HashSet<>();
            t.path("groups").forEach(g -> groups.add(g.path("id").asText()));
            boolean delegate = false;
            for (JsonNode p : t.path("properties")) {
                String label = name + " / " + p.path("label").asText(p.path("binding").path("name").asText());
                String type = p.path("type").asText();
                String binding = p.path("binding").path("type").asText();
                if (!TYPES_PER_BINDING.containsKey(binding)) {
                    problems.add(label + ": binding type '" + binding + "' is not one this test knows");
                } else if (!TYPES_PER_BINDING.get(binding).contains(type)) {
                    problems.add(label + ": type " + type + " cannot be used with binding " + binding);
                }
                boolean listener = "camunda:executionListener".equals(binding);
                if (!listener && !p.path("binding").hasNonNull("name")) {
                    problems.add(label + ": binding.name is required");
                }
                if (listener && (!p.path("binding").path("event").isTextual()
                        || !"delegateExpression".equals(p.path("binding").path("implementationType").asText()))) {
                    problems.add(label + ": a listener binding needs an event and implementationType delegateExpression");
                }
                if ("Dropdown".equals(type) && (!p.path("choices").isArray() || p.path("choices").isEmpty())) {
                    problems.add(label + ": a Dropdown needs choices");
                }
                p.path("choices").forEach(c -> {
                    if (!c.path("name").isTextual() || !c.path("value").isTextual()) {
                        problems.add(label + ": every choice needs a name and a value");
                    }
                });
                if (p.has("group") && !groups.contains(p.path("group").asText())) {
                    problems.add(label + ": group " + p.path("group").asText() + " is not declared");
                }
                JsonNode pattern = p.path("constraints").path("pattern");
                if (!pattern.isMissingNode()) {
                    String regex = pattern.isTextual() ? pattern.asText() : pattern.path("value").asText();
                    try {
                        java.util.regex.Pattern.compile(regex);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        problems.add(label + ": pattern is not a regular expression: " + e.getMessage());
                    }
                }
                if ("camunda:delegateExpression".equals(p.path("binding").path("name").asText()) || listener) {
                    delegate = true;
                    String expression = p.path("value").asText();
                    String bean = expression.replaceAll("^\\$\\{(\\w+)}$", "$1");
                    if (bean.equals(expression) || !context.containsBean(bean)) {
                        problems.add(label + ": delegate expression " + expression + " does not name a bean");
                    }
                }
            }
            if (!delegate && isServiceTask(t)) {
                problems.add(name + ": binds no camunda:delegateExpression");
            }
        }
        assertThat(problems).as("template problems").isEmpty();
    }

    @Test
    void aServiceTaskWithEachTemplateAppliedDeploysAndSendsThroughItsChannel() throws IOException {
        for (JsonNode template : templates().stream().filter(ElementTemplatesTests::isServiceTask).toList()) {
            BpmnModelInstance model = Bpmn.createExecutableProcess("TestTemplate").camundaHistoryTimeToLive(1)
                    .startEvent("StartEvent_Test")
                    // the variables this test starts the process with, declared as the deploy-time check requires
                    .camundaFormField().camundaId("leadId").camundaType("string").camundaFormFieldDone()
                    .camundaFormField().camundaId("companyName").camundaType("string").camundaFormFieldDone()
                    .camundaFormField().camundaId("contactMobile").camundaType("string").camundaFormFieldDone()
                    .camundaFormField().camundaId("assignee").camundaType("string").camundaFormFieldDone()
                    .serviceTask("Task_FromTemplate").name(template.get("name").asText())
                    .endEvent("EndEvent_Test").done();
            ServiceTask task = model.getModelElementById("Task_FromTemplate");
            String channel = apply(template, task, model);
            String deployment = repositoryService().createDeployment().name("template-" + template.get("id").asText())
                    .addModelInstance("template-test.bpmn", model).deploy().getId();
            try {
                String businessKey = "T-" + template.get("id").asText();
                ProcessInstance pi = runtimeService().startProcessInstanceByKey("TestTemplate", businessKey,
                        Map.of("leadId", "L-9", "companyName", "模板测试", "contactMobile", "13912345678",
                                "assignee", "lina"));
                execute(job("Task_FromTemplate", pi));

                assertThat(notifications.list(DeliveryQuery.forBusinessKey(businessKey)))
                        .as(template.get("name").asText()).singleElement()
                        .satisfies(d -> assertThat(d.channel()).isEqualTo(NotificationTask.channel(channel)));
                assertThat(pi).isEnded();
            } finally {
                repositoryService().deleteDeployment(deployment, true);
            }
        }
    }

    /** Writes the template's bindings onto the task as Modeler does; returns the channel it sets. */
    private static String apply(JsonNode template, ServiceTask task, BpmnModelInstance model) {
        task.setAttributeValueNs(CAMUNDA_NS, "modelerTemplate", template.get("id").asText());
        task.setAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion", template.get("version").asText());
        CamundaInputOutput io = model.newInstance(CamundaInputOutput.class);
        String channel = null;
        for (JsonNode p : template.get("properties")) {
            JsonNode binding = p.get("binding");
            String name = binding.get("name").asText();
            String value = p.has("value") ? p.get("value").asText() : SAMPLES.get(name);
            if (value == null) {
                continue; // an optional field the owner leaves empty
            }
            if ("property".equals(binding.get("type").asText())) {
                task.setAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()), value);
            } else {
                CamundaInputParameter parameter = model.newInstance(CamundaInputParameter.class);
                parameter.setCamundaName(name);
                parameter.setTextContent(value);
                io.getCamundaInputParameters().add(parameter);
                if ("channel".equals(name)) {
                    channel = value;
                }
            }
        }
        task.builder().addExtensionElement(io);
        assertThat(channel).as(template.get("name").asText() + " sets the channel").isNotNull();
        return channel;
    }

    /** The notification templates; the payment node templates are applied and deployed by OwnerChangeTests (change 8). */
    private static boolean isServiceTask(JsonNode template) {
        for (JsonNode a : template.path("appliesTo")) {
            if ("bpmn:ServiceTask".equals(a.asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> templates() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = json.readTree(file.toFile());
                if (node.isArray()) {
                    node.forEach(all::add);
                } else {
                    all.add(node);
                }
            }
        }
        assertThat(all).as("templates in " + DIR).isNotEmpty();
        return all;
    }
}
