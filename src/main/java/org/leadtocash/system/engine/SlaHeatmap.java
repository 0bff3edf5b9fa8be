package org.leadtocash.system.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.EngineAsSystem;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * The figures of the SLA heatmap on a Cockpit diagram, per activity: instances of this version waiting there now
 * (the engine's activity statistics, which grow with open instances only), how many of its tasks are past their due
 * date now (the SLA the diagram sets), and the median time finished instances spent there over the last {@code days}
 * days — ended on those calendar days in the sales team's zone, summed over ALL versions of the definition's key, read
 * from {@link ActivityDurationSummary}. The median is known to its {@link DurationHistogram} bucket: {@code medianMinutes}
 * is the bucket's upper edge (the median is at most that; null for the open bucket beyond 90 days) and
 * {@code medianMinutesFrom} its lower edge. Camunda's authorizations decide which definitions, instances and tasks
 * count: the definition is read as the caller, and so are the instances and tasks unless the caller may read all of them.
 */
@Component
class SlaHeatmap {
    static final int DEFAULT_DAYS = 90;

    private final RepositoryService repositoryService;
    private final ManagementService managementService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final EngineAsSystem engineAsSystem;
    private final ActivityDurationSummary durations;
    private final EngineClock clock;

    SlaHeatmap(RepositoryService repositoryService, ManagementService managementService, TaskService taskService,
               IdentityService identityService, AuthorizationService authorizationService, EngineAsSystem engineAsSystem,
               ActivityDurationSummary durations, EngineClock clock) {
        this.repositoryService = repositoryService;
        this.managementService = managementService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.engineAsSystem = engineAsSystem;
        this.durations = durations;
        this.clock = clock;
    }

    /** The heatmap of one definition version. */
    record Heatmap(String processDefinitionId, String processDefinitionKey, int days, LocalDate from, LocalDate to,
                   List<Activity> activities) {
    }

    /**
     * One activity: waiting now, past their due date now, finished in the range (all versions) and the median's bucket
     * in minutes (both null when none finished).
     */
    record Activity(String activityId, long waiting, long pastSla, long finished, Long medianMinutes, Long medianMinutesFrom) {
    }

    Heatmap of(String processDefinitionId, int days) {
        if (days < 1 || days > ActivityDurationSummary.BUILD_DAYS) {
            throw new InvalidInputException("days", "range", "天数须在 1 到 " + ActivityDurationSummary.BUILD_DAYS
                    + " 之间 must be between 1 and " + ActivityDurationSummary.BUILD_DAYS);
        }
        ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionId(processDefinitionId)
                .singleResult();
        if (definition == null) {
            throw new NotFoundException("流程定义不存在 no process definition " + processDefinitionId);
        }
        LocalDate to = clock.today();
        LocalDate from = to.minusDays(days - 1L);
        Date at = Date.from(clock.now());
        Map<String, long[]> now = readsWholeDefinition(definition.getKey())
                ? engineAsSystem.run(() -> waitingAndPastDue(definition.getId(), at))
                : waitingAndPastDue(definition.getId(), at);
        Map<String, ActivityDurationSummary.Finished> finished = durations.finished(definition.getKey(), from, to);
        List<String> ids = new ArrayList<>(now.keySet());
        finished.keySet().stream().filter(id -> !now.containsKey(id)).forEach(ids::add);
        List<Activity> activities = new ArrayList<>();
        for (String id : ids) {
            long[] waitingAndPastDue = now.getOrDefault(id, new long[2]);
            ActivityDurationSummary.Finished done = finished.get(id);
            DurationHistogram.Bucket median = done == null ? null : DurationHistogram.median(done.buckets());
            activities.add(new Activity(id, waitingAndPastDue[0], waitingAndPastDue[1], done == null ? 0 : done.count(),
                    median == null || median.to() == null ? null : median.to().toMinutes(),
                    median == null ? null : median.from().toMinutes()));
        }
        return new Heatmap(definition.getId(), definition.getKey(), days, from, to, activities);
    }

    /** Per activity with instances waiting now: how many, and how many of its tasks are past their due date. */
    private Map<String, long[]> waitingAndPastDue(String definitionId, Date at) {
        Map<String, long[]> now = new LinkedHashMap<>();
        for (ActivityStatistics s : managementService.createActivityStatisticsQuery(definitionId).list()) {
            if (s.getInstances() > 0) {
                long pastDue = taskService.createTaskQuery().processDefinitionId(definitionId).taskDefinitionKey(s.getId())
                        .dueBefore(at).count();
                now.put(s.getId(), new long[] {s.getInstances(), pastDue});
            }
        }
        return now;
    }

    /**
     * Whether the caller may read every instance and every task of the definition (managers and directors are granted
     * that on every definition): then the counts are the same without Camunda's per-row authorization check, which joins
     * every open instance and task with the authorizations and made the heatmap's cost grow with them. Anyone with less
     * (instance- or task-level grants only) is counted with the check, as the engine would.
     */
    private boolean readsWholeDefinition(String key) {
        Authentication caller = identityService.getCurrentAuthentication();
        if (caller == null) {
            return false;
        }
        return authorizationService.isUserAuthorized(caller.getUserId(), caller.getGroupIds(), ProcessDefinitionPermissions.READ_INSTANCE,
                Resources.PROCESS_DEFINITION, key)
                && authorizationService.isUserAuthorized(caller.getUserId(), caller.getGroupIds(), ProcessDefinitionPermissions.READ_TASK,
                Resources.PROCESS_DEFINITION, key);
    }
}
