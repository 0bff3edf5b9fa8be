package org.leadtocash.notify;

import java.util.List;

/**
 * One notification to send.
 *
 * @param idempotencyKey    sent at most once per key (e.g. {@code "lead-42:unassigned-2h"}); at most 200 characters
 * @param channel           how to send it
 * @param recipients        at least one
 * @param title             optional; DingTalk sends a markdown message when a title is given, plain text otherwise
 * @param text              the message itself (markdown for DingTalk when a title is given)
 * @param processInstanceId optional, for finding the delivery from Cockpit
 * @param businessKey       optional, for finding the delivery from Cockpit
 */
public record NotificationRequest(String idempotencyKey, Channel channel, List<Recipient> recipients,
                                  String title, String text, String processInstanceId, String businessKey) {
}
