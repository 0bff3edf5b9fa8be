package org.leadtocash.notify;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.leadtocash.shared.ModelCheck;
import org.springframework.stereotype.Component;

/**
 * Refuses a deployment whose send-notification task ({@code ${sendNotificationDelegate}}) has a {@code link} input
 * parameter that is neither {@code task}, {@code instance} nor empty, naming the element: the owner sees the typo in
 * Modeler's deploy error instead of an incident when the message is due. A {@code ${…}} value is checked when it is
 * evaluated (an incident naming the task and the parameter).
 */
@Component
class NotificationLinkModelCheck implements ModelCheck {
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final String DELEGATE = "${sendNotificationDelegate}";

    @Override
    public List<Problem> check(BpmnModelInstance model) {
        List<Problem> problems = new ArrayList<>();
        for (CamundaInputParameter parameter : model.getModelElementsByType(CamundaInputParameter.class)) {
            if (!NotificationTask.LINK.equals(parameter.getCamundaName())
                    || !(parameter.getParentElement() instanceof CamundaInputOutput io)) {
                continue;
            }
            ModelElementInstance owner = io.getParentElement() == null ? null : io.getParentElement().getParentElement();
            if (!(owner instanceof FlowNode node)
                    || !DELEGATE.equals(node.getAttributeValueNs(CAMUNDA_NS, "delegateExpression"))) {
                continue;
            }
            String value = parameter.getTextContent() == null ? "" : parameter.getTextContent().strip();
            if (!parameter.getDomElement().getChildElements().isEmpty()) {
                problems.add(new Problem(node.getId(), "输入参数 input parameter '" + NotificationTask.LINK
                        + "' 须为文本 must be text: task, instance or empty"));
            } else if (!value.contains("${") && !value.contains("#{")) {
                try {
                    NotificationTask.link(value);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(node.getId(), "输入参数 input parameter '" + NotificationTask.LINK
                            + "' 须为 task、instance 或留空 must be task, instance or empty, not '" + value + "'"));
                }
            }
        }
        return problems;
    }
}
