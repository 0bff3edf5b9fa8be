package org.leadtocash.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Voice-call reminders: calls every recipient's mobile with the configured template and the params
 * {@code title} and {@code text}. Every recipient must have a mobile; this is checked before anyone is called.
 * A failure part-way (second of two calls refused) fails the whole delivery, so a retry calls the first recipient again.
 */
class VoiceCallChannel implements NotificationChannel {
    private final VoiceCallGateway gateway;
    private final String templateCode;

    public VoiceCallChannel(VoiceCallGateway gateway, String templateCode) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.templateCode = templateCode == null ? "" : templateCode.strip();
    }

    @Override
    public Channel channel() {
        return Channel.VOICE_CALL;
    }

    @Override
    public boolean configured() {
        return gateway.configured() && !templateCode.isEmpty();
    }

    @Override
    public void deliver(NotificationRequest request) {
        List<String> mobiles = Recipients.mobiles(request.recipients());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("title", request.title() == null ? "" : request.title());
        params.put("text", request.text());
        for (String mobile : mobiles) {
            gateway.call(mobile, templateCode, params);
        }
    }
}
