package org.leadtocash.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The one way to drive a BPMN in a test: camunda-bpm-assert's {@link BpmnAwareTests} ({@code assertThat(pi).isWaitingAt},
 * {@code task}, {@code job}, {@code execute}, {@code complete(task, withVariables(..))}) plus what it lacks here — acting as a
 * logged-in user (authorizations are on), firing a timer on the engine clock, and running a failing job until it becomes
 * an incident. Tests import it with {@code import static org.leadtocash.support.ProcessTests.*} next to
 * {@code import static org.assertj.core.api.Assertions.*}: both on demand, so {@code assertThat} takes a process instance
 * as well as a plain value.
 * <p>
 * As the JUnit extension of every {@link AppTest} it binds those assertions to the test's engine before each test and
 * logs out, resets the engine clock and unbinds after it.
 */
public class ProcessTests extends BpmnAwareTests implements BeforeEachCallback, AfterEachCallback {
    /** A guard for {@link #runUntilIncident}: the models retry a job at most five times (R5). */
    private static final int MAX_ATTEMPTS = 10;

    /** For JUnit, which creates the extension; tests call the static methods. */
    public ProcessTests() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        init(SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        identityService().clearAuthentication();
        ClockUtil.reset();
        reset();
    }

    // --- instances and definitions ------------------------------------------------------------------------------

    /** The running process instance with this id; null once it ended. */
    public static ProcessInstance processInstance(String processInstanceId) {
        Assertions.assertThat(processInstanceId).as("process instance id").isNotNull();
        return processInstanceQuery().processInstanceId(processInstanceId).singleResult();
    }

    /** The latest deployed version of the process. */
    public static ProcessDefinition latestDefinition(String processKey) {
        return processDefinition(processDefinitionQuery().processDefinitionKey(processKey).latestVersion());
    }

    // --- users --------------------------------------------------------------------------------------------------

    /** Runs the action logged in as the user with these groups, as Tasklist or the REST API would, and logs out after. */
    public static <T> T as(String user, List<String> groups, Supplier<T> action) {
        identityService().setAuthentication(user, groups);
        try {
            return action.get();
        } finally {
            identityService().clearAuthentication();
        }
    }

    /** Completes the task logged in as the user, with the variables its form submits (a form may submit nulls). */
    public static void completeAs(String user, List<String> groups, Task task, Map<String, Object> variables) {
        as(user, groups, () -> {
            complete(task, variables);
            return null;
        });
    }

    /** Submits the start form of the process's latest version logged in as the user, as Tasklist does. */
    public static ProcessInstance startByFormAs(String user, List<String> groups, String processKey, Map<String, Object> form) {
        String definitionId = latestDefinition(processKey).getId();
        return as(user, groups, () -> formService().submitStartForm(definitionId, form));
    }

    // --- timers -------------------------------------------------------------------------------------------------

    /** Sets the engine clock, which timers and the application's "now" read. */
    public static void moveClockTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** The armed timer of the timer event in the instance; null when none is armed. */
    public static Job timer(ProcessInstance processInstance, String timerEventId) {
        return job(jobQuery().timers().activityId(timerEventId), processInstance);
    }

    /** Fires the timer: moves the engine clock to its due date and executes it, as the job executor would then. */
    public static void fireTimer(ProcessInstance processInstance, String timerEventId) {
        Job timer = timer(processInstance, timerEventId);
        Assertions.assertThat(timer).as("armed timer " + timerEventId).isNotNull();
        ClockUtil.setCurrentTime(timer.getDuedate());
        execute(timer);
    }

    // --- failing jobs -------------------------------------------------------------------------------------------

    /** What {@link #runUntilIncident} left: the instance's incident, how often the job ran, the job with its last failure. */
    public record JobIncident(Incident incident, int attempts, Job job) {
    }

    /**
     * Executes the job waiting at the activity, as the job executor would, until its retries are exhausted — each failure
     * is recorded on the job — and returns the incident the instance then has.
     */
    public static JobIncident runUntilIncident(ProcessInstance processInstance, String activityId) {
        Job job = job(activityId, processInstance);
        Assertions.assertThat(job).as("job at " + activityId).isNotNull();
        String jobId = job.getId();
        int attempts = 0;
        while (attempts < MAX_ATTEMPTS && jobQuery().jobId(jobId).singleResult().getRetries() > 0) {
            attempts++;
            try {
                managementService().executeJob(jobId);
            } catch (RuntimeException expected) {
                // recorded on the job, which is retried until its retries are exhausted
            }
        }
        Incident incident = runtimeService().createIncidentQuery().processInstanceId(processInstance.getId()).singleResult();
        return new JobIncident(incident, attempts, jobQuery().jobId(jobId).singleResult());
    }

    // --- refusals -----------------------------------------------------------------------------------------------

    /** The messages of the exception and all its causes, so assertions do not depend on how the engine wraps a refusal. */
    public static String messages(Throwable e) {
        List<String> all = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.add(String.valueOf(t.getMessage()));
        }
        return String.join(" | ", all);
    }
}
