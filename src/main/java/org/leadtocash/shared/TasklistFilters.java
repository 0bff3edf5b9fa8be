package org.leadtocash.shared;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Shared Tasklist filters, created idempotently: a filter is created once by name (an existing one is left as it is)
 * and every logged-in user may read it through a GLOBAL authorization (Camunda ignores GRANT authorizations for user
 * id "*"). Used by {@link IdentitySetup} for "my tasks" / "my group tasks" and by features for their own filters.
 */
@Component
public class TasklistFilters {
    private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

    private final FilterService filterService;
    private final AuthorizationService authorizationService;

    public TasklistFilters(FilterService filterService, AuthorizationService authorizationService) {
        this.filterService = filterService;
        this.authorizationService = authorizationService;
    }

    /** A shared task filter with the properties {@code priority}, {@code description} and {@code refresh: true}. */
    public void ensureShared(String name, int priority, String description, TaskQuery query) {
        ensureShared(name, priority, description, List.of(), query);
    }

    /**
     * A shared task filter as above that also shows the given task variables in the task list.
     *
     * @param variables the {@code variables} property, each {@code {"name": …, "label": …}}; none when empty
     */
    public void ensureShared(String name, int priority, String description, List<Map<String, String>> variables,
                             TaskQuery query) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("priority", priority);
            properties.put("description", description);
            properties.put("refresh", true);
            if (!variables.isEmpty()) {
                properties.put("variables", variables);
            }
            filter = filterService.newTaskFilter(name);
            filter.setOwner(null);
            filter.setQuery(query);
            filter.setProperties(properties);
            filterService.saveFilter(filter);
            log.info("Created Tasklist filter {}", name);
        }
        Authorization auth = authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GLOBAL)
                .resourceType(Resources.FILTER).resourceId(filter.getId()).singleResult();
        if (auth == null) {
            auth = authorizationService.createNewAuthorization(AUTH_TYPE_GLOBAL);
            auth.setUserId(ANY);
            auth.setResource(Resources.FILTER);
            auth.setResourceId(filter.getId());
            auth.addPermission(Permissions.READ);
            authorizationService.saveAuthorization(auth);
        }
    }
}
