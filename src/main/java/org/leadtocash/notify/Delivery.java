package org.leadtocash.notify;

import java.time.Instant;

/**
 * One recorded delivery attempt.
 *
 * @param recipients the recipients as text, e.g. {@code "zhangsan(138****1234), lisi"}: user id and, when there is one,
 *                   the mobile number with its middle digits masked
 * @param error      why the attempt failed or was not sent; null when it was sent
 */
public record Delivery(long id, String idempotencyKey, Channel channel, String recipients, String title, String text,
                       DeliveryStatus status, String error, Instant attemptedAt, String processInstanceId,
                       String businessKey) {
}
