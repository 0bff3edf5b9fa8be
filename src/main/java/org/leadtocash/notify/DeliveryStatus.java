package org.leadtocash.notify;

/** Outcome of one delivery attempt. */
public enum DeliveryStatus {
    /** The channel accepted the message. */
    SENT,
    /** The channel refused it or could not be reached; the caller got a {@link NotificationFailedException}. */
    FAILED,
    /** The channel is not configured (e.g. empty webhook URL), so nothing was sent; this counts as done. */
    NOT_SENT_UNCONFIGURED
}
