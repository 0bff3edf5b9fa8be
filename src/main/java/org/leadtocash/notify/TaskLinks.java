package org.leadtocash.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Links from a chat message to the page its reader works on, built on the public base URL (the deployment setting
 * {@code leadtocash.notify.public-base-url}, the address reps open on their phones):
 * <ul>
 * <li>{@link #task}: the Tasklist task itself, {@code …/camunda/app/tasklist/default/#/?task=<id>};</li>
 * <li>{@link #openTask}: the reader's open task of an activity in a process instance, for a message sent before the
 * task exists (the notification runs first in the diagram): Tasklist's script {@code app/leadtocash/task-link.js}
 * finds the task of the logged-in user and opens it; without an activity, the reader's open task of the instance,
 * else its first open task (the owners' notification task, {@code link=task});</li>
 * <li>{@link #processInstance}: the instance in Cockpit, for a manager or director who watches it.</li>
 * </ul>
 * Without a base URL every method returns no link (the message goes out without one); production refuses to start
 * with a chat channel but no base URL ({@code system.ProductionSafetyCheck}).
 */
@Component
public class TaskLinks {
    public static final String PROPERTY = "leadtocash.notify.public-base-url";
    private static final Logger log = LoggerFactory.getLogger(TaskLinks.class);
    private static final String ENGINE = "default";

    private final String base;

    @Autowired
    TaskLinks(NotifyProperties properties,
              @Value("${camunda.bpm.webapp.application-path:/camunda}") String applicationPath) {
        this(properties.publicBaseUrl(), applicationPath);
        if (base.isEmpty() && (!properties.dingtalk().webhookUrl().isBlank() || !properties.wecom().webhookUrl().isBlank())) {
            log.warn("{} is not set: DingTalk and WeCom messages go out without a link to their task", PROPERTY);
        }
    }

    /**
     * @param publicBaseUrl   e.g. {@code https://crm.example.cn}; empty for none
     * @param applicationPath the webapps' path, {@code /camunda} by default
     * @throws IllegalArgumentException when the base URL is not an absolute http(s) URL without query or fragment
     */
    public TaskLinks(String publicBaseUrl, String applicationPath) {
        String url = publicBaseUrl == null ? "" : publicBaseUrl.strip();
        if (!url.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " is not a URL: '" + url + "'", e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(PROPERTY + " must be an absolute http(s) URL without query or fragment,"
                        + " e.g. https://crm.example.cn, not '" + url + "'");
            }
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            String path = applicationPath == null || applicationPath.isBlank() ? "/camunda" : applicationPath.strip();
            url += (path.startsWith("/") ? "" : "/") + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        }
        this.base = url;
    }

    public boolean configured() {
        return !base.isEmpty();
    }

    /** The task in Tasklist; none without a base URL or a task id. */
    public List<Link> task(String taskId) {
        if (!configured() || taskId == null) {
            return List.of();
        }
        return List.of(new Link("打开任务 Open the task", tasklist() + "?task=" + encode(taskId)));
    }

    /** The reader's open task of {@code taskDefinitionKey} in the process instance, found when the link is opened. */
    public List<Link> openTask(String processInstanceId, String taskDefinitionKey) {
        if (!configured() || processInstanceId == null || taskDefinitionKey == null) {
            return List.of();
        }
        return List.of(new Link("打开任务 Open the task", tasklist() + "?instance=" + encode(processInstanceId)
                + "&taskKey=" + encode(taskDefinitionKey)));
    }

    /** The reader's open task in the process instance, else its first open task, found when the link is opened. */
    public List<Link> openTask(String processInstanceId) {
        if (!configured() || processInstanceId == null) {
            return List.of();
        }
        return List.of(new Link("打开任务 Open the task", tasklist() + "?instance=" + encode(processInstanceId)));
    }

    /** The process instance in Cockpit. */
    public List<Link> processInstance(String processInstanceId) {
        if (!configured() || processInstanceId == null) {
            return List.of();
        }
        return List.of(new Link("在 Cockpit 查看流程 Open the process in Cockpit",
                base + "/app/cockpit/" + ENGINE + "/#/process-instance/" + encode(processInstanceId) + "/runtime"));
    }

    private String tasklist() {
        return base + "/app/tasklist/" + ENGINE + "/#/";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
