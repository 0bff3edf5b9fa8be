package org.leadtocash.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.StartEventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.ModelerDeploy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Deploy-time validation over real HTTP, as Modeler's deploy button calls it: a regional director's deployment with a
 * script, a JUEL decision, an expression outside the allow-list or an unknown delegate, form or decision is refused with
 * 400 and a message naming the element and the missing thing; nothing is stored. A rep may not deploy at all (403).
 */
@AppTest
class DeploymentValidationTests {
    static final String DIRECTOR = "wanglei";
    static final String NAME = "validation-test";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired TestRestTemplate rest;
    @Autowired RepositoryService repositoryService;

    @AfterEach
    void removeAccepted() {
        repositoryService.createDeploymentQuery().deploymentNameLike(NAME + "%").list()
                .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
    }

    @Test
    void scriptTaskIsRefusedNamingTheTask() throws Exception {
        String message = refused(diagram(s -> s.scriptTask("Task_RunScript").name("算一下 Compute").scriptFormat("javascript")
                .scriptText("java.lang.Runtime.getRuntime().exec('id')")));
        assertThat(message).contains("Task_RunScript (算一下 Compute)", "script");
    }

    @Test
    void juelDecisionIsRefusedNamingTheExpression() throws Exception {
        String dmn = new String(ModelerDeploy.shipped("bpmn/lead-routing.dmn"), StandardCharsets.UTF_8)
                .replace("<inputExpression id=\"InputExpression_Source\" typeRef=\"string\">",
                        "<inputExpression id=\"InputExpression_Source\" typeRef=\"string\" expressionLanguage=\"juel\">");
        ResponseEntity<String> response = ModelerDeploy.deploy(rest, DIRECTOR, NAME, Map.of("lead-routing.dmn", dmn.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(message(response)).contains("lead-routing.dmn", "InputExpression_Source in decision leadRouting", "juel", "FEEL");
        assertThat(repositoryService.createDeploymentQuery().deploymentName(NAME).count()).isZero();
    }

    @Test
    void expressionReachingTheEngineIsRefusedNamingTheElement() throws Exception {
        String message = refused(diagram(s -> s.serviceTask("Task_Reach").name("查一下 Look up")
                .camundaExpression("${execution.getProcessEngineServices().getRuntimeService()}")));
        assertThat(message).contains("Task_Reach (查一下 Look up)", "execution", "engine");
    }

    @Test
    void expressionNamingAnotherSpringBeanIsRefused() throws Exception {
        String message = refused(diagram(s -> s.userTask("Task_Pick").name("挑选 Pick").camundaAssignee("${dataSource.connection}")));
        assertThat(message).contains("Task_Pick", "dataSource");
        String condition = refused(diagram(s -> s.exclusiveGateway("Gateway_Which").condition("yes", "${runtimeService != null}")
                .endEvent("EndEvent_Yes").moveToLastGateway().condition("no", "${true}")));
        assertThat(condition).contains("runtimeService", "neither one of the application's delegates nor marked ModelFunctions");
    }

    @Test
    void unknownDelegateBeanIsRefusedNamingTheBean() throws Exception {
        String message = refused(diagram(s -> s.serviceTask("Task_Ghost").name("幽灵 Ghost")
                .camundaDelegateExpression("${noSuchDelegate}")));
        assertThat(message).contains("Task_Ghost (幽灵 Ghost)", "unknown delegate bean 'noSuchDelegate'");
        String notADelegate = refused(diagram(s -> s.serviceTask("Task_Intake").camundaDelegateExpression("${leadIntake}")));
        assertThat(notADelegate).contains("Task_Intake", "'leadIntake'", "not one of the application's delegates");
    }

    @Test
    void unknownFormIsRefusedNamingTheForm() throws Exception {
        String message = refused(diagram(s -> s.userTask("Task_Fill").name("填写 Fill in").camundaFormRef("form-nowhere")
                .camundaFormRefBinding("latest")));
        assertThat(message).contains("Task_Fill (填写 Fill in)", "unknown form 'form-nowhere'");
    }

    @Test
    void diagramDeployedWithoutItsFormsIsRefusedNamingEachMissingForm() throws Exception {
        ResponseEntity<String> response = ModelerDeploy.deploy(rest, DIRECTOR, NAME,
                Map.of("lead-routing.bpmn", ModelerDeploy.shipped("bpmn/lead-routing.bpmn")));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(message(response)).contains("StartEvent_LeadReceived", "missing form 'form-lead-phone-intake'",
                "Task_AssignLeadManually", "missing form 'form-assign-lead'", "Task_FirstContact", "missing form 'form-first-contact'",
                "deploy its file together with the diagram");
        JsonNode details = JSON.readTree(response.getBody()).path("details");
        assertThat(details.toString()).contains("Task_FirstContact");
    }

    @Test
    void diagramDeployedWithItsFormsOpensThem() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("lead-routing.bpmn", ModelerDeploy.shipped("bpmn/lead-routing.bpmn"));
        for (String form : new String[] {"lead-phone-intake.form", "assign-lead.form", "first-contact.form"}) {
            files.put(form, ModelerDeploy.shipped("forms/" + form));
        }
        ResponseEntity<String> response = ModelerDeploy.deploy(rest, DIRECTOR, NAME, files);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        String deploymentId = JSON.readTree(response.getBody()).path("id").asText();
        String definitionId = repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult().getId();
        // the start form Tasklist opens is the one deployed with this diagram
        ResponseEntity<String> form = rest.withBasicAuth(DIRECTOR, DIRECTOR)
                .getForEntity("/engine-rest/process-definition/" + definitionId + "/deployed-start-form", String.class);
        assertThat(form.getStatusCode()).as(form.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(form.getBody()).contains("form-lead-phone-intake");
    }

    @Test
    void unknownDecisionIsRefusedNamingTheDecision() throws Exception {
        String message = refused(diagram(s -> s.businessRuleTask("Task_Decide").name("决定 Decide").camundaDecisionRef("noSuchDecision")));
        assertThat(message).contains("Task_Decide (决定 Decide)", "unknown decision 'noSuchDecision'");
    }

    @Test
    void classNamedInTheDiagramIsRefused() throws Exception {
        String message = refused(diagram(s -> s.serviceTask("Task_Class").camundaClass("java.lang.Object")));
        assertThat(message).contains("Task_Class", "camunda:class");
    }

    @Test
    void allowedExpressionsAndAnAppDelegateDeploy() throws Exception {
        ResponseEntity<String> response = deployDiagram(DIRECTOR, diagram(s -> declare(s, "contactOutcome", "leadAssigned", "budgetCny")
                .exclusiveGateway("Gateway_Outcome")
                .condition("reached", "${contactOutcome == 'REACHED' && !leadAssigned}")
                .serviceTask("Task_Record").camundaDelegateExpression("${recordContactAttemptDelegate}").endEvent("EndEvent_Done")
                .moveToLastGateway().condition("other", "${contactOutcome != 'REACHED' or budgetCny > 200000}")));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aPaymentNodeWithARepeatedNumberIsRefusedNamingTheTask() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("payment-journey.bpmn", ModelerDeploy.editText("bpmn/payment-journey.bpmn",
                "<camunda:property name=\"paymentNodeNumber\" value=\"3\" />",
                "<camunda:property name=\"paymentNodeNumber\" value=\"2\" />"));
        for (String form : List.of("payment-journey-start", "payment-invoice-signed", "payment-procurement-started",
                "payment-customer-paid", "payment-bank-receipt", "payment-blocker-checklist")) {
            files.put(form + ".form", ModelerDeploy.shipped("forms/" + form + ".form"));
        }
        ResponseEntity<String> response = ModelerDeploy.deploy(rest, DIRECTOR, NAME, files);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(message(response)).contains("payment-journey.bpmn", "Task_AwaitCustomerPaid", "number 2 is already node INVOICE_SIGNED");
        assertThat(JSON.readTree(response.getBody()).path("details").toString()).contains("Task_AwaitCustomerPaid");
        assertThat(repositoryService.createDeploymentQuery().deploymentName(NAME).count()).isZero();
    }

    @Test
    void aNotificationLinkThatIsNeitherTaskNorInstanceIsRefusedNamingTheTaskAndTheParameter() throws Exception {
        String message = refused(diagram(s -> s.serviceTask("Task_NotifyOwner").name("通知 Notify")
                .camundaDelegateExpression("${sendNotificationDelegate}")
                .camundaInputParameter("channel", "dingtalk").camundaInputParameter("recipients", "role:manager")
                .camundaInputParameter("title", "通知 Notice").camundaInputParameter("text", "请处理 Please act")
                .camundaInputParameter("link", "tsak")));
        assertThat(message).contains("owner-test.bpmn", "Task_NotifyOwner", "input parameter 'link'",
                "must be task, instance or empty, not 'tsak'");

        ResponseEntity<String> task = deployDiagram(DIRECTOR, diagram(s -> s.serviceTask("Task_NotifyOwner")
                .camundaDelegateExpression("${sendNotificationDelegate}")
                .camundaInputParameter("channel", "dingtalk").camundaInputParameter("recipients", "role:manager")
                .camundaInputParameter("title", "通知 Notice").camundaInputParameter("text", "请处理 Please act")
                .camundaInputParameter("link", "task")));
        assertThat(task.getStatusCode()).as(task.getBody()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void conditionWithATypoedVariableIsRefusedNamingTheFlowAndTheVariable() throws Exception {
        ResponseEntity<String> response = ModelerDeploy.deploy(rest, DIRECTOR, NAME, quoteToInvoiceWith(
                "${reviewDecision == 'APPROVE' and contractTotl le 1000000}"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(message(response)).contains("quote-to-invoice.bpmn", "SequenceFlow_ContractApproved (通过 Approved)",
                "条件使用了未知变量 unknown variable 'contractTotl'", "QuoteToInvoiceProcess").doesNotContain("'reviewDecision'");
        assertThat(JSON.readTree(response.getBody()).path("details").toString()).contains("SequenceFlow_ContractApproved");
        assertThat(repositoryService.createDeploymentQuery().deploymentName(NAME).count()).isZero();
    }

    @Test
    void theSameConditionWithTheAppsContractTotalDeploys() throws Exception {
        ResponseEntity<String> response = ModelerDeploy.deploy(rest, DIRECTOR, NAME, quoteToInvoiceWith(
                "${reviewDecision == 'APPROVE' and contractTotal le 1000000}"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void typoedAssigneeAndTimerVariablesAreRefusedNamingTheElements() throws Exception {
        String bpmn = new String(ModelerDeploy.shipped("bpmn/lead-routing.bpmn"), StandardCharsets.UTF_8)
                .replace("camunda:assignee=\"${assignee}\" camunda:dueDate=\"${firstContactEscalationAt}\"",
                        "camunda:assignee=\"${asignee}\" camunda:dueDate=\"${firstContactEscalationAT}\"");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("lead-routing.bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
        for (String form : new String[] {"lead-phone-intake.form", "assign-lead.form", "first-contact.form"}) {
            files.put(form, ModelerDeploy.shipped("forms/" + form));
        }
        ResponseEntity<String> response = ModelerDeploy.deploy(rest, DIRECTOR, NAME, files);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(message(response)).contains("Task_FirstContact (联系客户 Contact the customer)",
                "办理人使用了未知变量 unknown variable 'asignee'", "unknown variable 'firstContactEscalationAT'");
    }

    @Test
    void aFieldOfTheFormDeployedWithTheDiagramIsKnownAndATypoOfItIsNot() throws Exception {
        byte[] form = """
                {"id": "form-owner-intent", "type": "default", "components": [
                  {"key": "intentLevel", "label": "客户意向等级 Intent level", "type": "select",
                   "values": [{"label": "高 High", "value": "HIGH"}, {"label": "低 Low", "value": "LOW"}]}]}
                """.getBytes(StandardCharsets.UTF_8);
        Function<String, byte[]> withCondition = condition -> diagram(s -> s.userTask("Task_Ask").name("询问 Ask")
                .camundaFormRef("form-owner-intent").camundaFormRefBinding("deployment")
                .exclusiveGateway("Gateway_Intent").condition("high", condition).endEvent("EndEvent_High")
                .moveToLastGateway().condition("other", "${true}"));

        ResponseEntity<String> known = ModelerDeploy.deploy(rest, DIRECTOR, NAME,
                Map.of("owner-test.bpmn", withCondition.apply("${intentLevel == 'HIGH'}"), "owner-intent.form", form));
        assertThat(known.getStatusCode()).as(known.getBody()).isEqualTo(HttpStatus.OK);

        ResponseEntity<String> typo = ModelerDeploy.deploy(rest, DIRECTOR, NAME + "-typo",
                Map.of("owner-test.bpmn", withCondition.apply("${intentLevle == 'HIGH'}"), "owner-intent.form", form));
        assertThat(typo.getStatusCode()).as(typo.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(message(typo)).contains("owner-test.bpmn", "条件使用了未知变量 unknown variable 'intentLevle'", "OwnerTestProcess");
    }

    @Test
    void outputParametersResultVariablesAndMultiInstanceElementsAreKnown() throws Exception {
        ResponseEntity<String> response = deployDiagram(DIRECTOR, diagram(s -> declare(s, "reps")
                .userTask("Task_Each").name("逐个 Each").camundaAssignee("${rep}")
                .multiInstance().camundaCollection("${reps}").camundaElementVariable("rep").completionCondition("${nrOfCompletedInstances >= 1}")
                .multiInstanceDone()
                .serviceTask("Task_Record").camundaDelegateExpression("${recordContactAttemptDelegate}")
                .camundaOutputParameter("attempted", "${true}")
                .exclusiveGateway("Gateway_Attempted").condition("yes", "${attempted}").endEvent("EndEvent_Attempted")
                .moveToLastGateway().condition("no", "${!attempted}")));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aMultiInstanceElementVariableIsUnknownOutsideItsElement() throws Exception {
        String outside = refused(diagram(s -> declare(s, "reps")
                .userTask("Task_Each").camundaAssignee("${rep}")
                .multiInstance().camundaCollection("${reps}").camundaElementVariable("rep").multiInstanceDone()
                .userTask("Task_After").camundaAssignee("${rep}")));
        assertThat(outside).contains("Task_After", "办理人使用了未知变量 unknown variable 'rep'").doesNotContain("Task_Each");
    }

    @Test
    void decisionInputWithATypoIsRefusedNamingTheInput() throws Exception {
        String dmn = new String(ModelerDeploy.shipped("bpmn/lead-routing.dmn"), StandardCharsets.UTF_8)
                .replaceFirst("<text>region</text>", "<text>regoin</text>");
        ResponseEntity<String> response = ModelerDeploy.deploy(rest, DIRECTOR, NAME, Map.of("lead-routing.dmn", dmn.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(message(response)).contains("lead-routing.dmn", "InputExpression_Region in decision leadRouting",
                "unknown variable 'regoin'").doesNotContain("'budgetTier'", "'source'");
    }

    @Test
    void repMayNotDeploy() throws Exception {
        ResponseEntity<String> response = deployDiagram("zhangwei", diagram(s -> s.userTask("Task_Any")));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(repositoryService.createDeploymentQuery().deploymentName(NAME).count()).isZero();
    }

    // --- helpers ---

    /** A small executable process: start, the elements the test adds, end (the builder closes open paths). */
    private static byte[] diagram(Function<StartEventBuilder, AbstractFlowNodeBuilder<?, ?>> body) {
        StartEventBuilder start = Bpmn.createExecutableProcess("OwnerTestProcess").camundaHistoryTimeToLive(30)
                .startEvent("StartEvent_Test");
        AbstractFlowNodeBuilder<?, ?> built = body.apply(start);
        return Bpmn.convertToString(built.endEvent("EndEvent_Test").done()).getBytes(StandardCharsets.UTF_8);
    }

    /** The shipped quote-to-invoice diagram with its forms, the approval flow's condition replaced. */
    private static Map<String, byte[]> quoteToInvoiceWith(String approvedCondition) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("quote-to-invoice.bpmn", ModelerDeploy.editText("bpmn/quote-to-invoice.bpmn", "${reviewDecision == 'APPROVE'}",
                approvedCondition.replace("<", "&lt;")));
        for (String form : new String[] {"quote-start", "quote-edit", "quote-answer", "contract-changes", "contract-review",
                "contract-revise", "invoice-fix"}) {
            files.put(form + ".form", ModelerDeploy.shipped("forms/" + form + ".form"));
        }
        return files;
    }

    /** The start event declares the variables the process is started with ({@code camunda:formField}s). */
    private static StartEventBuilder declare(StartEventBuilder start, String... variables) {
        StartEventBuilder out = start;
        for (String v : variables) {
            out = out.camundaFormField().camundaId(v).camundaType("string").camundaFormFieldDone();
        }
        return out;
    }

    private ResponseEntity<String> deployDiagram(String user, byte[] bpmn) {
        return ModelerDeploy.deploy(rest, user, NAME, Map.of("owner-test.bpmn", bpmn));
    }

    /** Deploys as a director, expects 400, nothing stored; returns the message. */
    private String refused(byte[] bpmn) throws Exception {
        ResponseEntity<String> response = deployDiagram(DIRECTOR, bpmn);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(repositoryService.createDeploymentQuery().deploymentName(NAME).count()).isZero();
        String message = message(response);
        assertThat(message).contains("owner-test.bpmn", "refused");
        return message;
    }

    private static String message(ResponseEntity<String> response) throws Exception {
        return JSON.readTree(response.getBody()).path("message").asText();
    }
}
