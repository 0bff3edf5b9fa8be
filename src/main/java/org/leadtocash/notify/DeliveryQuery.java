package org.leadtocash.notify;

/**
 * Filter for the delivery log; null fields do not filter.
 *
 * @param limit the most rows to return, 1 to {@value #MAX_LIMIT}
 */
public record DeliveryQuery(String processInstanceId, String businessKey, Channel channel, DeliveryStatus status,
                            int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** Every delivery of one process instance, newest first. */
    public static DeliveryQuery forProcessInstance(String processInstanceId) {
        return new DeliveryQuery(processInstanceId, null, null, null, DEFAULT_LIMIT);
    }

    /** Every delivery of one business key, newest first. */
    public static DeliveryQuery forBusinessKey(String businessKey) {
        return new DeliveryQuery(null, businessKey, null, null, DEFAULT_LIMIT);
    }
}
