package org.leadtocash.contact;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.leadtocash.lead.LeadRoutingProcess;
import org.springframework.stereotype.Component;

/**
 * Offers a matched call in the rep's open 联系客户 Contact the customer task: sets the lead process's
 * {@code contactOutcome} (REACHED when the call was reached, NOT_REACHED otherwise) and the read-only
 * {@value Vars#CAPTURED_CALL} summary that {@code forms/first-contact.form} shows. The rep still confirms by completing
 * the task; a later call replaces the offer.
 */
@Component
class FirstContactPrefill {
    /** Process variables this feature sets on the lead process. */
    static final class Vars {
        /** read-only summary on the first-contact form */
        static final String CAPTURED_CALL = "capturedCall";
        static final String CAPTURED_CALL_ID = "capturedCallId";
        /** ISO offset date-time in the sales team's zone */
        static final String CAPTURED_CALL_START = "capturedCallStart";
        static final String CAPTURED_CALL_SECONDS = "capturedCallSeconds";
        static final String CAPTURED_CALL_REACHED = "capturedCallReached";

        private Vars() {
        }
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final RuntimeService runtime;
    private final TaskService tasks;

    FirstContactPrefill(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    /** @return whether the lead process had an open first-contact task that now shows the call */
    boolean offer(String processInstanceId, CallRecordInput call, ZoneId zone) {
        if (processInstanceId == null || tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).count() == 0) {
            return false;
        }
        var start = call.start().atZoneSameInstant(zone);
        String summary = start.format(SHOWN) + " " + (call.direction() == CallRecordInput.Direction.OUTBOUND ? "去电 outbound" : "来电 inbound")
                + " · " + call.durationSeconds() / 60 + " 分 " + call.durationSeconds() % 60 + " 秒 min s · "
                + (call.reached() ? "已接通 reached" : "未接通 not reached") + " · " + call.recordId();
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.CAPTURED_CALL, summary);
        vars.put(Vars.CAPTURED_CALL_ID, call.recordId());
        vars.put(Vars.CAPTURED_CALL_START, start.toOffsetDateTime().toString());
        vars.put(Vars.CAPTURED_CALL_SECONDS, call.durationSeconds());
        vars.put(Vars.CAPTURED_CALL_REACHED, call.reached());
        vars.put(LeadRoutingProcess.Vars.CONTACT_OUTCOME, call.reached() ? "REACHED" : "NOT_REACHED");
        runtime.setVariables(processInstanceId, vars);
        return true;
    }
}
