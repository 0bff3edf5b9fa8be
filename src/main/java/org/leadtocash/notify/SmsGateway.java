package org.leadtocash.notify;

import java.util.Map;

/** Sends text messages (短信) from templates registered with an SMS provider; replaceable per provider. */
interface SmsGateway {
    /**
     * Sends the template filled with {@code params} to {@code mobile}; returns once the gateway accepted the message.
     *
     * @throws ChannelDeliveryException when it did not
     */
    void send(String mobile, String templateCode, Map<String, String> params);

    /** False when the gateway lacks its configuration; the SMS channel then sends nothing. */
    default boolean configured() {
        return true;
    }
}
