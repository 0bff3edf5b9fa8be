package org.leadtocash.system.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.leadtocash.shared.AppVariables;
import org.leadtocash.shared.ModelCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Refuses a deployment that breaks {@link DeploymentRules} before the engine stores anything: the REST answer to
 * {@code POST /engine-rest/deployment/create} (Modeler's deploy button) is 400 with a {@link ParseException} whose message
 * and details name each file, element and problem. Runs for every new deployment — Modeler, REST, the release's own
 * start-up deployment — and never when the engine merely loads a stored deployment into its cache.
 */
@Component
class DeploymentValidationPlugin extends AbstractProcessEnginePlugin {
    private static final Logger log = LoggerFactory.getLogger(DeploymentValidationPlugin.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The application's own code: the only beans a diagram may name. */
    static final String APP_PACKAGE = "org.leadtocash.";

    private final ListableBeanFactory beans;

    DeploymentValidationPlugin(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> pre = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        pre.add(0, this::validate);
        configuration.setCustomPreDeployers(pre);
    }

    private void validate(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        for (ResourceEntity r : deployment.getResources().values()) {
            resources.put(r.getName(), r.getBytes());
        }
        List<DeploymentRules.Refusal> refusals = new ArrayList<>(
                DeploymentRules.check(resources, new EngineCatalog(Context.getCommandContext())));
        refusals.addAll(moduleChecks(resources));
        if (refusals.isEmpty()) {
            return;
        }
        String message = "部署被拒绝 Deployment '" + deployment.getName() + "' refused: "
                + refusals.stream().map(Object::toString).collect(Collectors.joining("; "));
        log.warn("{} (source {})", message, deployment.getSource());
        List<Problem> problems = refusals.stream().map(r -> (Problem) new Refused(r.toString(), r.elementId())).toList();
        String first = refusals.get(0).resource();
        throw new ParseException(message, first, problems, List.of());
    }

    /** The modules' own rules ({@link ModelCheck} beans) on each readable diagram; an unreadable one is refused above. */
    private List<DeploymentRules.Refusal> moduleChecks(Map<String, byte[]> resources) {
        List<DeploymentRules.Refusal> out = new ArrayList<>();
        var checks = beans.getBeansOfType(ModelCheck.class).values();
        resources.forEach((name, bytes) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (checks.isEmpty() || !(lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml"))) {
                return;
            }
            BpmnModelInstance model;
            try {
                model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
            } catch (RuntimeException unreadable) {
                return;
            }
            checks.forEach(c -> c.check(model).forEach(p -> out.add(new DeploymentRules.Refusal(name, p.elementId(), p.message()))));
        });
        return out;
    }

    /** A refusal as Camunda's REST API reports parse problems (message and element per resource). */
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
            return element == null ? null : element.split(" ", 2)[0];
        }

        @Override
        public List<String> getElementIds() {
            return getMainElementId() == null ? List.of() : List.of(getMainElementId());
        }
    }

    /** The application's beans and what the engine already has deployed, read inside the deploying command. */
    private final class EngineCatalog implements DeploymentRules.Catalog {
        private final CommandContext context;

        EngineCatalog(CommandContext context) {
            this.context = context;
        }

        @Override
        public boolean isBean(String name) {
            return beans.containsBean(name);
        }

        @Override
        public boolean isAppDelegate(String name) {
            if (!beans.containsBean(name)) {
                return false;
            }
            Class<?> type = beans.getType(name, false);
            if (type == null) {
                return false;
            }
            Class<?> user = ClassUtils.getUserClass(type);
            return user.getName().startsWith(APP_PACKAGE) && (JavaDelegate.class.isAssignableFrom(user)
                    || ExecutionListener.class.isAssignableFrom(user) || TaskListener.class.isAssignableFrom(user)
                    || org.leadtocash.shared.ModelFunctions.class.isAssignableFrom(user));
        }

        @Override
        public boolean formDeployed(String key) {
            return context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key) != null;
        }

        @Override
        public boolean decisionDeployed(String key) {
            return context.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(key) != null;
        }

        @Override
        public boolean processDeployed(String key) {
            return context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key) != null;
        }

        @Override
        public Set<String> appVariables(String key) {
            Set<String> out = new HashSet<>();
            beans.getBeansOfType(AppVariables.class).values().forEach(v -> out.addAll(v.byKey().getOrDefault(key, Set.of())));
            return out;
        }

        @Override
        public Set<String> deployedFormFields(String key) {
            CamundaFormDefinitionEntity form = context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key);
            if (form == null) {
                return Set.of();
            }
            ResourceEntity resource = context.getResourceManager()
                    .findResourceByDeploymentIdAndResourceName(form.getDeploymentId(), form.getResourceName());
            try {
                return resource == null ? Set.of() : VariableRules.formFields(JSON.readTree(resource.getBytes()));
            } catch (IOException e) {
                return Set.of();
            }
        }
    }
}
