package org.leadtocash.notify;

import java.util.Map;

/** Places automated voice calls (语音外呼) from a template. */
interface VoiceCallGateway {
    /**
     * Calls {@code mobile} and reads the template filled with {@code params}; returns once the gateway accepted the call.
     *
     * @throws ChannelDeliveryException when it did not
     */
    void call(String mobile, String templateCode, Map<String, String> params);

    /** False when the gateway lacks its configuration; the voice channel then sends nothing. */
    default boolean configured() {
        return true;
    }
}
