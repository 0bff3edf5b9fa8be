package org.leadtocash.notify;

/**
 * A notification could not be sent. Thrown out of {@link NotificationService#send} so the calling async service task
 * rolls back and its job is retried (and after the last retry becomes an incident in Cockpit). The FAILED attempt is
 * already committed in the delivery log when this is thrown.
 */
class NotificationFailedException extends RuntimeException {
    private final transient Delivery delivery;

    public NotificationFailedException(String message, Throwable cause, Delivery delivery) {
        super(message, cause);
        this.delivery = delivery;
    }

    public NotificationFailedException(String message) {
        this(message, null, null);
    }

    /** The FAILED attempt as recorded; null when nothing was attempted (another node is sending the same key). */
    public Delivery delivery() {
        return delivery;
    }
}
