package org.leadtocash.notify;

/**
 * Who a notification is for. {@code mobile} may be null: DingTalk then @-mentions nobody,
 * and a voice call to such a recipient fails.
 */
public record Recipient(String userId, String mobile) {
}
