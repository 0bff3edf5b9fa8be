package org.leadtocash.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One firing of a node's 48-hour breaker and, once the rep answered it, the blocker checklist.
 *
 * @param node       the code of the node that was stuck
 * @param occurrence 1 for the first 48 h at the node, 2 after 96 h, …
 * @param timerId    the boundary event that fired
 */
record BlockerCheck(long id, String journeyId, String customerId, String customerName, String repId,
                           String node, Instant nodeSince, int occurrence, String timerId, String processInstanceId,
                           Instant firedAt, List<BlockerCause> causes, String otherCause, String note, String nextAction,
                           LocalDate nextActionDate, String answeredBy, Instant answeredAt) {

    public boolean answered() {
        return answeredAt != null;
    }

    BlockerCheck withCauses(List<BlockerCause> list) {
        return new BlockerCheck(id, journeyId, customerId, customerName, repId, node, nodeSince, occurrence, timerId,
                processInstanceId, firedAt, List.copyOf(list), otherCause, note, nextAction, nextActionDate, answeredBy,
                answeredAt);
    }
}
