package org.leadtocash.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 发送通知 Send notification: the one service task an owner draws for any notification, configured entirely by input
 * parameters ({@link NotificationTask}): {@code channel}, {@code recipients}, and {@code title} + {@code text} (their
 * {@code ${…}} evaluated by the engine) or, for SMS, {@code smsTemplateCode} + {@code templateParams} (a
 * {@code camunda:map}, or a JSON object as the element template writes it). Sent through
 * {@link NotificationService}, so each key is sent at most once and lands in the delivery log; the delivery id is
 * left in the local variable {@code deliveryId}. The optional {@code link} puts "打开任务 Open the task" (the reader's
 * open task in this instance) or the instance in Cockpit under a DingTalk or WeCom message ({@link TaskLinks}). A bad
 * parameter fails the job with a message naming the task and the parameter (an incident in Cockpit after the
 * retries); a literal bad {@code link} is refused at deploy time already ({@link NotificationLinkModelCheck}).
 */
@Component("sendNotificationDelegate")
class SendNotificationDelegate implements JavaDelegate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationService notifications;
    private final NotificationRecipients recipients;
    private final TaskLinks links;

    SendNotificationDelegate(NotificationService notifications, NotificationRecipients recipients, TaskLinks links) {
        this.notifications = notifications;
        this.recipients = recipients;
        this.links = links;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String where = "task " + execution.getCurrentActivityId()
                + (execution.getCurrentActivityName() == null ? "" : " (" + execution.getCurrentActivityName() + ")");
        try {
            Delivery delivery = notifications.send(request(execution));
            execution.setVariableLocal("deliveryId", delivery.id());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    NotificationRequest request(DelegateExecution execution) {
        Channel channel = NotificationTask.channel(execution.getVariableLocal(NotificationTask.CHANNEL));
        NotificationTask.LinkTarget link = NotificationTask.link(execution.getVariableLocal(NotificationTask.LINK));
        List<Recipient> to = recipients.resolve(execution.getVariableLocal(NotificationTask.RECIPIENTS));
        String title = text(execution.getVariableLocal(NotificationTask.TITLE));
        String text = text(execution.getVariableLocal(NotificationTask.TEXT));
        if (channel == Channel.SMS) {
            String code = text(execution.getVariableLocal(NotificationTask.SMS_TEMPLATE_CODE));
            if (code != null) {
                Map<String, String> params = params(execution.getVariableLocal(NotificationTask.TEMPLATE_PARAMS));
                title = SmsTemplate.title(code, params);
                if (text == null) {
                    text = code + " " + params;
                }
            } else if (title != null) {
                throw new IllegalArgumentException(NotificationTask.SMS_TEMPLATE_CODE
                        + " is required for an SMS with a title; without one, text goes out in the default template");
            }
        }
        List<String> missing = new ArrayList<>();
        if (text == null) {
            missing.add(NotificationTask.TEXT + " must not be empty");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", missing));
        }
        Object key = execution.getVariableLocal(NotificationTask.IDEMPOTENCY_KEY);
        String idempotencyKey = key == null || key.toString().isBlank()
                ? NotificationTask.occurrenceKey(execution)
                : key.toString().strip();
        return new NotificationRequest(idempotencyKey, channel, to, title, text, execution.getProcessInstanceId(),
                execution.getProcessBusinessKey(), links(link, execution.getProcessInstanceId()));
    }

    private List<Link> links(NotificationTask.LinkTarget link, String processInstanceId) {
        return switch (link) {
            case NONE -> List.of();
            case TASK -> links.openTask(processInstanceId);
            case INSTANCE -> links.processInstance(processInstanceId);
        };
    }

    /**
     * The SMS template parameters: a map ({@code camunda:map}) of strings.
     *
     * @throws IllegalArgumentException when the parameter is not a map
     */
    static Map<String, String> params(Object value) {
        Map<String, String> params = new LinkedHashMap<>();
        if (value == null) {
            return params;
        }
        if (value instanceof String json) {
            return jsonParams(json);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(NotificationTask.TEMPLATE_PARAMS + " must be a map (camunda:map) or a"
                    + " JSON object of template parameter name to value, not " + value.getClass().getSimpleName());
        }
        map.forEach((k, v) -> params.put(String.valueOf(k), v == null ? "" : v.toString()));
        return params;
    }

    private static Map<String, String> jsonParams(String json) {
        Map<String, String> params = new LinkedHashMap<>();
        if (json.isBlank()) {
            return params;
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(NotificationTask.TEMPLATE_PARAMS + " must be a JSON object such as"
                        + " {\"expectedDate\":\"6月30日\"}, not: " + json);
            }
            node.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            return params;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(NotificationTask.TEMPLATE_PARAMS + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "): " + json, e);
        }
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
