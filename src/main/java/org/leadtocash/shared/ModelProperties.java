package org.leadtocash.shared;

import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The {@code camunda:property} markers of diagram elements: code recognises an element an owner may redraw by its
 * marker (e.g. {@code sla=unassigned}, {@code breaker=true}), never by its id.
 */
public final class ModelProperties {
    private ModelProperties() {
    }

    /** The value of the element's {@code camunda:property} with this name, or null. */
    public static String property(BaseElement element, String name) {
        if (element.getExtensionElements() == null) {
            return null;
        }
        for (CamundaProperties properties : element.getExtensionElements().getElementsQuery()
                .filterByType(CamundaProperties.class).list()) {
            for (CamundaProperty p : properties.getCamundaProperties()) {
                if (name.equals(p.getCamundaName())) {
                    return p.getCamundaValue();
                }
            }
        }
        return null;
    }
}
