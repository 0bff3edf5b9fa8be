package org.leadtocash.lead;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.leadtocash.shared.EngineAsSystem;
import org.leadtocash.shared.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps with the lead the answers to form fields an owner added in Modeler (change 11: 客户意向等级 intent level on the
 * first-contact form) — no column and no code per field. The recording step reads the form of the user task just before
 * it, as deployed with this process version, and stores every editable field the lead has no column for
 * ({@code lead_form_answer}). The lead's API shows them ({@code GET /api/leads/{id}/answers}).
 */
@Service
public class LeadFormAnswers {
    private static final Logger log = LoggerFactory.getLogger(LeadFormAnswers.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields the lead already keeps in its own columns or the process reads. */
    static final Set<String> OWN_FIELDS = Set.of(LeadRoutingProcess.Vars.CONTACT_OUTCOME, LeadRoutingProcess.Vars.CONTACT_NOTES,
            LeadRoutingProcess.Vars.NEXT_FOLLOW_UP_DATE, LeadRoutingProcess.Vars.INVALID_REASON);

    private final JdbcClient jdbc;
    private final RepositoryService repository;
    private final EngineAsSystem engine;
    private final EngineClock clock;
    private final Map<String, List<Field>> fieldsByForm = new ConcurrentHashMap<>();

    LeadFormAnswers(JdbcClient jdbc, RepositoryService repository, EngineAsSystem engine, EngineClock clock) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.engine = engine;
        this.clock = clock;
    }

    /** One stored answer. */
    public record Answer(String key, String label, String value, String formId, Instant recordedAt) {
    }

    /** An editable field of a deployed form. */
    record Field(String key, String label) {
    }

    /** The lead's answers to owner-added fields, by field key. */
    public List<Answer> of(String leadId) {
        return jdbc.sql("SELECT field_key, label, value_text, form_id, recorded_at FROM lead_form_answer WHERE lead_id = :id"
                        + " ORDER BY field_key")
                .param("id", leadId)
                .query((rs, n) -> new Answer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** Stores the answers of the form submitted in the user task just before this step. */
    void record(DelegateExecution execution, String leadId) {
        if (!(execution.getBpmnModelElementInstance() instanceof FlowNode step)) {
            return;
        }
        for (SequenceFlow in : step.getIncoming()) {
            if (in.getSource() instanceof UserTask task && task.getCamundaFormRef() != null) {
                String formId = task.getCamundaFormRef();
                for (Field f : fields(execution.getProcessDefinitionId(), formId)) {
                    if (!OWN_FIELDS.contains(f.key()) && execution.hasVariable(f.key()) && execution.getVariable(f.key()) != null) {
                        store(leadId, f, String.valueOf(execution.getVariable(f.key())), formId);
                    }
                }
            }
        }
    }

    private void store(String leadId, Field field, String value, String formId) {
        jdbc.sql("DELETE FROM lead_form_answer WHERE lead_id = :id AND field_key = :key").param("id", leadId)
                .param("key", field.key()).update();
        jdbc.sql("INSERT INTO lead_form_answer (lead_id, field_key, label, value_text, form_id, recorded_at)"
                        + " VALUES (:id, :key, :label, :value, :form, :at)")
                .param("id", leadId).param("key", field.key()).param("label", truncate(field.label(), 200))
                .param("value", truncate(value, 4000)).param("form", formId).param("at", Timestamp.from(clock.now()))
                .update();
    }

    /** The editable fields of the form with this id deployed with the process version (forms bound to their deployment). */
    private List<Field> fields(String processDefinitionId, String formId) {
        return fieldsByForm.computeIfAbsent(processDefinitionId + "/" + formId, k -> engine.run(() -> {
            String deploymentId = repository.getProcessDefinition(processDefinitionId).getDeploymentId();
            for (Resource r : repository.getDeploymentResources(deploymentId)) {
                if (!r.getName().endsWith(".form")) {
                    continue;
                }
                try (InputStream in = repository.getResourceAsStream(deploymentId, r.getName())) {
                    JsonNode form = JSON.readTree(in);
                    if (formId.equals(form.path("id").asText())) {
                        List<Field> out = new ArrayList<>();
                        collect(form, out);
                        return out;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            log.warn("{}: form {} is not in the deployment {}: its answers are not kept", processDefinitionId, formId, deploymentId);
            return List.of();
        }));
    }

    private static void collect(JsonNode node, List<Field> out) {
        for (JsonNode c : node.path("components")) {
            if (c.hasNonNull("key") && !c.path("readonly").asBoolean(false) && !c.path("disabled").asBoolean(false)) {
                out.add(new Field(c.get("key").asText(), c.path("label").asText(null)));
            }
            collect(c, out);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
