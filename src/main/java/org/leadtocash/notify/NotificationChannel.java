package org.leadtocash.notify;

/**
 * One way of sending notifications. Every bean of this type is picked up by {@link NotificationService};
 * at most one bean per {@link Channel}.
 */
interface NotificationChannel {
    Channel channel();

    /** False when the channel lacks its configuration (e.g. an empty URL); nothing is sent then. */
    boolean configured();

    /**
     * Sends the request; returns normally only when the peer accepted it.
     *
     * @throws ChannelDeliveryException when it did not
     */
    void deliver(NotificationRequest request);
}
