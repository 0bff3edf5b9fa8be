package org.leadtocash.payment;

import static org.assertj.core.api.Assertions.*;

import java.io.File;
import java.time.Duration;
import java.util.function.Consumer;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;
import org.leadtocash.payment.PaymentJourneyProcess.NodeMarker;

/**
 * How the payment nodes are read from a diagram ({@link PaymentNodes#read}): the shipped five with their 48 h breakers,
 * a version drawn before nodes were marked, and malformed markers refused naming the element.
 */
class PaymentNodesTests {
    private static final String SHIPPED = "bpmn/payment-journey.bpmn";

    @Test
    void theShippedDiagramDrawsFiveNodesEachWithA48HourBreakerAndBankReceivedAsTheReceiptNode() {
        PaymentNodes.Drawn drawn = PaymentNodes.read(shipped(), SHIPPED);

        assertThat(drawn.marked()).isTrue();
        assertThat(drawn.nodes()).extracting(JourneyNode::code, JourneyNode::label, JourneyNode::chinese).containsExactly(
                tuple("INVOICE_SUBMITTED", "节点①", "销售提交开票申请"), tuple("INVOICE_SIGNED", "节点②", "客户签收发票"),
                tuple("PROCUREMENT_STARTED", "节点③", "客户采购发起付款流程"), tuple("CUSTOMER_PAID", "节点④", "客户财务完成打款"),
                tuple("BANK_RECEIVED", "节点⑤", "我方银行到账"));
        assertThat(drawn.breakers()).hasSize(5).allSatisfy((node, after) -> assertThat(after).isEqualTo(Duration.ofHours(48)));
        assertThat(drawn.receiptNode()).isEqualTo("BANK_RECEIVED");
        assertThat(drawn.first().code()).isEqualTo("INVOICE_SUBMITTED");
        assertThat(drawn.after("PROCUREMENT_STARTED")).map(JourneyNode::code).contains("CUSTOMER_PAID");
    }

    @Test
    void aVersionDrawnBeforeNodesWereMarkedIsReadFromItsBreakersInOrder() {
        BpmnModelInstance model = shipped();
        model.getModelElementsByType(UserTask.class).forEach(t -> removeProperties(t, NodeMarker.CODE));

        PaymentNodes.Drawn drawn = PaymentNodes.read(model, "legacy");

        assertThat(drawn.marked()).isFalse();
        assertThat(drawn.nodes()).extracting(JourneyNode::code, JourneyNode::number).containsExactly(
                tuple("INVOICE_SUBMITTED", 1), tuple("INVOICE_SIGNED", 2), tuple("PROCUREMENT_STARTED", 3),
                tuple("CUSTOMER_PAID", 4), tuple("BANK_RECEIVED", 5));
        assertThat(drawn.receiptNode()).isEqualTo("BANK_RECEIVED");
        assertThat(drawn.breakers()).containsEntry("CUSTOMER_PAID", Duration.ofHours(48));
    }

    @Test
    void malformedNodesAreRefusedNamingTheElementAndTheMarker() {
        assertRefused(m -> set(m, "Task_AwaitCustomerPaid", NodeMarker.NUMBER, "2"),
                "Task_AwaitCustomerPaid", "number 2 is already node INVOICE_SIGNED");
        assertRefused(m -> set(m, "Task_AwaitCustomerPaid", NodeMarker.NUMBER, "drei"),
                "Task_AwaitCustomerPaid", NodeMarker.NUMBER + " must be a number");
        assertRefused(m -> set(m, "Task_AwaitCustomerPaid", NodeMarker.CODE, "procurement started"),
                "Task_AwaitCustomerPaid", "upper-case");
        assertRefused(m -> set(m, "Task_AwaitInvoiceSigned", NodeMarker.ON_RECEIPT, "true"),
                "only one node may be marked " + NodeMarker.ON_RECEIPT);
        assertRefused(m -> set(m, "BoundaryEvent_CustomerPaidBreaker", PaymentJourneyProcess.Breaker.NODE, "INVOICE_SIGNED"),
                "BoundaryEvent_CustomerPaidBreaker", "attached to node CUSTOMER_PAID");
    }

    private static void assertRefused(Consumer<BpmnModelInstance> change, String... named) {
        BpmnModelInstance model = shipped();
        change.accept(model);
        assertThatIllegalStateException().isThrownBy(() -> PaymentNodes.read(model, "copy")).withMessageContainingAll(named);
    }

    private static BpmnModelInstance shipped() {
        return Bpmn.readModelFromFile(new File(SHIPPED));
    }

    /** Sets (or adds) a camunda:property on the element, as the properties panel does. */
    private static void set(BpmnModelInstance model, String elementId, String name, String value) {
        BaseElement element = model.getModelElementById(elementId);
        CamundaProperties properties = element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class)
                .singleResult();
        for (CamundaProperty p : properties.getCamundaProperties()) {
            if (name.equals(p.getCamundaName())) {
                p.setCamundaValue(value);
                return;
            }
        }
        CamundaProperty p = model.newInstance(CamundaProperty.class);
        p.setCamundaName(name);
        p.setCamundaValue(value);
        properties.getCamundaProperties().add(p);
    }

    private static void removeProperties(BaseElement element, String marker) {
        if (element.getExtensionElements() == null) {
            return;
        }
        for (CamundaProperties properties : element.getExtensionElements().getElementsQuery()
                .filterByType(CamundaProperties.class).list()) {
            properties.getCamundaProperties().stream().filter(p -> marker.equals(p.getCamundaName())).toList()
                    .forEach(p -> properties.getCamundaProperties().remove(p));
        }
    }

}
