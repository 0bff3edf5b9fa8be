package org.leadtocash.notify;

import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The input parameters ({@code camunda:inputParameter}) of a "send notification" service task
 * ({@code ${sendNotificationDelegate}}, element templates in {@code element-templates/}), shared by the tasks that
 * send a domain message of their own and take only some of them.
 */
public final class NotificationTask {
    /** {@code dingtalk}, {@code wecom}, {@code sms} or {@code voice}. */
    public static final String CHANNEL = "channel";
    /** References {@code kind:value} (list or comma-separated), see {@link NotificationRecipients}. */
    public static final String RECIPIENTS = "recipients";
    public static final String TITLE = "title";
    public static final String TEXT = "text";
    /** SMS: the provider's approved template code, e.g. {@code SMS_15305****}. */
    public static final String SMS_TEMPLATE_CODE = "smsTemplateCode";
    /** SMS: the template's parameters, a {@code camunda:map}. */
    public static final String TEMPLATE_PARAMS = "templateParams";
    /** Optional: the key that is sent at most once; by default process instance / activity / execution. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /**
     * Optional, DingTalk and WeCom: what the message links to, {@code task} (the reader's open task in this process
     * instance, else its first open task, found when the link is opened), {@code instance} (the instance in Cockpit),
     * or empty for no link.
     */
    public static final String LINK = "link";

    /** What a message links to ({@link #LINK}). */
    enum LinkTarget {
        NONE, TASK, INSTANCE
    }

    private NotificationTask() {
    }

    /**
     * {@code <process instance>/<activity>/<execution>}: the same for every retry of the task's job and different for
     * each occurrence (e.g. each firing of a timer before it). A task with input parameters is a scope, and the engine
     * gives each attempt a new child execution for it; the key then names the parent, the execution the job belongs to.
     */
    public static String occurrenceKey(DelegateExecution execution) {
        String executionId = execution.getId();
        if (execution instanceof ExecutionEntity e && e.getActivity() != null && e.getActivity().isScope()
                && e.getParentId() != null && execution.getCurrentActivityId().equals(e.getActivity().getId())) {
            executionId = e.getParentId();
        }
        return execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId() + "/" + executionId;
    }

    /**
     * The link named by the {@code link} input parameter: none when it is absent or empty.
     *
     * @throws IllegalArgumentException naming the parameter and the allowed values
     */
    static LinkTarget link(Object value) {
        String name = value == null ? "" : value.toString().strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "" -> LinkTarget.NONE;
            case "task" -> LinkTarget.TASK;
            case "instance" -> LinkTarget.INSTANCE;
            default -> throw new IllegalArgumentException(LINK + " must be task, instance or empty, not '" + value + "'");
        };
    }

    /**
     * The channel named by the {@code channel} input parameter.
     *
     * @throws IllegalArgumentException naming the parameter and the allowed values
     */
    public static Channel channel(Object value) {
        String name = value == null ? "" : value.toString().strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "dingtalk" -> Channel.DINGTALK;
            case "wecom" -> Channel.WECOM;
            case "sms" -> Channel.SMS;
            case "voice", "voice_call" -> Channel.VOICE_CALL;
            default -> throw new IllegalArgumentException(CHANNEL + " must be dingtalk, wecom, sms or voice, not '"
                    + (value == null ? "" : value) + "'");
        };
    }
}
