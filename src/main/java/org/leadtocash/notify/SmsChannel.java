package org.leadtocash.notify;

import java.util.List;
import java.util.Objects;

/**
 * Text messages through an {@link SmsGateway}: every recipient's mobile gets the template named in the request title
 * (see {@link SmsTemplate}), or the default template with the text as {@code content}. Every recipient must have a
 * mobile; this is checked before anything is sent. A failure part-way fails the whole delivery, so a retry sends to
 * the first recipients again.
 */
class SmsChannel implements NotificationChannel {
    private final SmsGateway gateway;
    private final String defaultTemplateCode;

    public SmsChannel(SmsGateway gateway, String defaultTemplateCode) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.defaultTemplateCode = defaultTemplateCode == null ? "" : defaultTemplateCode.strip();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean configured() {
        return gateway.configured();
    }

    @Override
    public void deliver(NotificationRequest request) {
        List<String> mobiles = Recipients.mobiles(request.recipients());
        SmsTemplate.Call call = SmsTemplate.parse(request.title(), request.text(), defaultTemplateCode);
        if (call.templateCode() == null || call.templateCode().isBlank()) {
            throw new ChannelDeliveryException("no SMS template: the request names none and"
                    + " leadtocash.notify.sms.default-template-code is empty");
        }
        for (String mobile : mobiles) {
            gateway.send(mobile, call.templateCode(), call.params());
        }
    }
}
