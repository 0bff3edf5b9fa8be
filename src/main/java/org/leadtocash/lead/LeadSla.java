package org.leadtocash.lead;

import org.leadtocash.shared.EngineAsSystem;
import static org.leadtocash.shared.ModelProperties.property;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.leadtocash.lead.LeadRoutingProcess.Sla;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.springframework.stereotype.Service;

/**
 * The lead SLAs (R-04 2 h unassigned, R-05 4 h first contact) as drawn: the literal duration of the timer marked
 * {@code camunda:property sla=unassigned} / {@code sla=firstContact} in a deployed version of {@code LeadRoutingProcess}.
 * Messages, the rep's due date and the KPI read them here, so an owner who changes a timer in Modeler and deploys changes
 * all of them. Found by the marker, never by element id (owners redraw); a deployed version is immutable, so each
 * version's SLAs are read once.
 */
@Service
class LeadSla {
    private final RepositoryService repositoryService;
    private final ManagementService managementService;
    private final EngineAsSystem engine;
    private final Map<String, Timers> byDefinition = new ConcurrentHashMap<>();

    public LeadSla(RepositoryService repositoryService, ManagementService managementService,
                   EngineAsSystem engine) {
        this.repositoryService = repositoryService;
        this.managementService = managementService;
        this.engine = engine;
    }

    /** A marked timer of one process version: its element (the event) and its duration. */
    record Timer(String eventId, Duration duration) {
    }

    /** Both SLA timers of one process version. */
    record Timers(Timer unassigned, Timer firstContact) {
    }

    /** The SLA timers of the process version with this id. */
    Timers of(String processDefinitionId) {
        Timers known = byDefinition.get(processDefinitionId);
        if (known != null) {
            return known;
        }
        BpmnModelInstance model = asSystem(() -> repositoryService.getBpmnModelInstance(processDefinitionId));
        Timers read = new Timers(timer(model, Sla.UNASSIGNED, processDefinitionId), timer(model, Sla.FIRST_CONTACT, processDefinitionId));
        byDefinition.putIfAbsent(processDefinitionId, read);
        return read;
    }

    /** The SLA timers of the newest deployed version: what the rules say today (the KPI's yardstick). */
    Timers latest() {
        ProcessDefinition latest = asSystem(() -> repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(LeadRoutingProcess.KEY).latestVersion().singleResult());
        if (latest == null) {
            throw new IllegalStateException(LeadRoutingProcess.KEY + " is not deployed");
        }
        return of(latest.getId());
    }

    /** The escalation deadlines of a lead created at {@code createdAt} in this process version (for forms and due dates). */
    Map<String, Object> deadlines(String processDefinitionId, Instant createdAt) {
        Timers timers = of(processDefinitionId);
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.UNASSIGNED_ESCALATION_AT, Date.from(createdAt.plus(timers.unassigned().duration())));
        vars.put(Vars.FIRST_CONTACT_ESCALATION_AT, Date.from(createdAt.plus(timers.firstContact().duration())));
        return vars;
    }

    /**
     * Once a rep has the lead: the first-contact deadline becomes the armed reminder's own due date, so the rep's task is
     * due exactly when the reminder fires. A reminder that already fired leaves the deadline computed at registration.
     */
    void alignFirstContactDeadline(DelegateExecution execution) {
        String eventId = of(execution.getProcessDefinitionId()).firstContact().eventId();
        Job armed = asSystem(() -> managementService.createJobQuery().processInstanceId(execution.getProcessInstanceId())
                .timers().activityId(eventId).singleResult());
        if (armed != null) {
            execution.setVariable(Vars.FIRST_CONTACT_ESCALATION_AT, armed.getDuedate());
        }
    }

    /**
     * Engine reads made on the feature's own behalf, without the caller's authorization checks (a rep asking for the KPI,
     * a manager completing the assign task may not read definitions or jobs), inside the caller's transaction.
     */
    private <T> T asSystem(Supplier<T> work) {
        return engine.run(work);
    }

    private static Timer timer(BpmnModelInstance model, String sla, String definitionId) {
        Timer found = null;
        for (TimerEventDefinition definition : model.getModelElementsByType(TimerEventDefinition.class)) {
            BaseElement event = (BaseElement) definition.getParentElement();
            if (!sla.equals(property(event, Sla.PROPERTY))) {
                continue;
            }
            if (found != null) {
                throw new IllegalStateException(definitionId + ": more than one timer is marked " + Sla.PROPERTY + "=" + sla);
            }
            String text = definition.getTimeDuration() == null ? null : definition.getTimeDuration().getTextContent().strip();
            try {
                found = new Timer(event.getId(), Duration.parse(text));
            } catch (RuntimeException e) {
                throw new IllegalStateException(definitionId + ": timer " + event.getId() + " (" + Sla.PROPERTY + "=" + sla
                        + ") must have a literal ISO duration such as PT2H as its timeDuration, not '" + text + "'", e);
            }
        }
        if (found == null) {
            throw new IllegalStateException(definitionId + ": no timer is marked camunda:property " + Sla.PROPERTY + "=" + sla);
        }
        return found;
    }


    /** "2小时 h" / "90分钟 min", for messages. */
    static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + "小时 h" : minutes + "分钟 min";
    }
}
