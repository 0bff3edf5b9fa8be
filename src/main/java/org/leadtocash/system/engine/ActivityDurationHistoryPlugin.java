package org.leadtocash.system.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Lets {@link ActivityDurationSummary} see every activity instance that ends: a history event handler beside the
 * engine's own database handler. Camunda composes them itself (with {@code enableDefaultDbHistoryEventHandler}, on by
 * default, the engine wraps its custom handlers in a CompositeDbHistoryEventHandler, which passes every event to them and
 * then to its database handler), so the count happens in the same command, and the same Spring transaction, as the
 * engine's history write. The handler
 * is not a Spring bean of its own: the Spring Boot starter would register a {@code HistoryEventHandler} bean a second
 * time.
 */
@Component
class ActivityDurationHistoryPlugin extends AbstractProcessEnginePlugin {
    private final ActivityDurationSummary summary;

    ActivityDurationHistoryPlugin(ActivityDurationSummary summary) {
        this.summary = summary;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new ActivityEndCounter(summary));
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    /**
     * Counts the "end" event of an activity instance. The engine builds that event without the start time when the
     * instance's row is not in the command's entity cache (a user task completed, an instance cancelled: the start was
     * written by an earlier command), and its database handler, which runs after the custom ones, reads the stored row
     * for it. This handler does that read first, the same way (by id through the command's entity manager), and so knows
     * the duration the engine stores. The entity manager does not cache what {@code selectById} reads, so the database
     * handler still finds no cached row and merges the end event as it always does (it reads the row a second time).
     */
    record ActivityEndCounter(ActivityDurationSummary summary) implements HistoryEventHandler {
        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricActivityInstanceEventEntity activity
                    && activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)
                    && ActivityDurationSummary.COUNTED_TYPES.contains(activity.getActivityType())) {
                if (activity.getStartTime() == null && activity.getDurationRaw() == null) {
                    startTimeFromStoredRow(activity);
                }
                summary.countEnd(activity.getProcessDefinitionKey(), activity.getActivityId(), activity.getActivityType(),
                        activity.getEndTime(), activity.getDurationInMillis());
            }
        }

        private static void startTimeFromStoredRow(HistoricActivityInstanceEventEntity activity) {
            CommandContext command = Context.getCommandContext();
            if (command == null) {
                return;
            }
            DbEntityManager entities = command.getDbEntityManager();
            HistoricScopeInstanceEvent stored = entities.getCachedEntity(activity.getClass(), activity.getId());
            if (stored == null) {
                stored = entities.selectById(activity.getClass(), activity.getId());
            }
            if (stored != null && stored != activity) {
                activity.setStartTime(stored.getStartTime());
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
