package org.leadtocash.payment;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * Refuses a new deployment of {@code PaymentJourneyProcess} whose payment nodes or breakers are malformed (a repeated
 * number, a code in lower case, a breaker on no node, a timer that is not a literal cycle), before anything is stored:
 * the owner sees the element and the marker in Modeler's deploy error instead of a failing journey later.
 */
@Component
class PaymentNodesDeployCheck extends AbstractProcessEnginePlugin {
    private static final Pattern ELEMENT = Pattern.compile("(?:payment node|breaker) (\\S+)");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> pre = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        pre.add(this::check);
        configuration.setCustomPreDeployers(pre);
    }

    private void check(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            if (!resource.getName().endsWith(".bpmn") && !resource.getName().endsWith(".bpmn20.xml")) {
                continue;
            }
            BpmnModelInstance model;
            try {
                model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
            } catch (RuntimeException unreadable) {
                continue; // the engine's own parser names what is wrong with the file
            }
            if (model.getModelElementById(PaymentJourneyProcess.KEY) == null) {
                continue;
            }
            try {
                PaymentNodes.read(model, resource.getName());
            } catch (IllegalStateException e) {
                String message = "部署被拒绝 Deployment '" + deployment.getName() + "' refused: " + e.getMessage();
                Matcher m = ELEMENT.matcher(e.getMessage());
                String element = m.find() ? m.group(1) : null;
                throw new ParseException(message, resource.getName(), List.of(new Refused(e.getMessage(), element)), List.of());
            }
        }
    }

    /** The refusal as Camunda's REST API reports parse problems. */
    private record Refused(String message, String element) implements Problem {
        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return element;
        }

        @Override
        public List<String> getElementIds() {
            return element == null ? List.of() : List.of(element);
        }
    }
}
