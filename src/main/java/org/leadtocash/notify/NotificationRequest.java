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
 * @param links             what the message is about, opened with one tap (DingTalk, WeCom); SMS and voice ignore them
 */
public record NotificationRequest(String idempotencyKey, Channel channel, List<Recipient> recipients,
                                  String title, String text, String processInstanceId, String businessKey,
                                  List<Link> links) {
    public NotificationRequest {
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** A notification without links. */
    public NotificationRequest(String idempotencyKey, Channel channel, List<Recipient> recipients, String title,
                               String text, String processInstanceId, String businessKey) {
        this(idempotencyKey, channel, recipients, title, text, processInstanceId, businessKey, List.of());
    }

    /** The recipients' mobiles, each once, for a chat robot's @mention by mobile. */
    public List<String> recipientMobiles() {
        return recipients.stream()
                .map(Recipient::mobile)
                .filter(m -> m != null && !m.isBlank())
                .map(String::strip)
                .distinct()
                .toList();
    }

    /** The text with the links as markdown, as a chat shows it. */
    public String textWithLinks() {
        return Link.append(text, links, true);
    }
}
