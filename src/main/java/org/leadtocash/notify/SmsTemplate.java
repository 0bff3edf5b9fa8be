package org.leadtocash.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How an SMS notification names its provider template. A text message has no title, so for {@link Channel#SMS} the
 * {@link NotificationRequest#title()} carries the template call: the template code, optionally followed by a space and
 * a JSON object of the template's parameters, e.g. {@code PAYMENT_PROCESS_STARTED {"expectedDate":"6月30日"}}. The
 * request's text is the message as the recipient reads it (kept in the delivery log). Without a title the channel's
 * default template is used with the single parameter {@code content} = the text.
 */
public final class SmsTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A template call: code and parameters (in order). */
    public record Call(String templateCode, Map<String, String> params) {
    }

    private SmsTemplate() {
    }

    /** The title that makes the SMS channel send {@code templateCode} with {@code params}. */
    public static String title(String templateCode, Map<String, String> params) {
        Objects.requireNonNull(templateCode, "templateCode");
        if (templateCode.isBlank() || templateCode.strip().contains(" ")) {
            throw new IllegalArgumentException("templateCode must be one word: " + templateCode);
        }
        if (params == null || params.isEmpty()) {
            return templateCode.strip();
        }
        try {
            return templateCode.strip() + " " + JSON.writeValueAsString(new java.util.TreeMap<>(params));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("template params cannot be written as JSON", e);
        }
    }

    /**
     * The template call in the title, or the default template with {@code content} = text when there is no title.
     *
     * @throws ChannelDeliveryException when the title is not a template call
     */
    public static Call parse(String title, String text, String defaultTemplateCode) {
        if (title == null || title.isBlank()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("content", text);
            return new Call(defaultTemplateCode, params);
        }
        String t = title.strip();
        int space = t.indexOf(' ');
        if (space < 0) {
            return new Call(t, Map.of());
        }
        String code = t.substring(0, space);
        Map<String, String> params = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(t.substring(space + 1));
            if (node == null || !node.isObject()) {
                throw new ChannelDeliveryException("SMS title must be '<templateCode> {json params}': " + t);
            }
            node.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        } catch (JsonProcessingException e) {
            throw new ChannelDeliveryException("SMS title must be '<templateCode> {json params}': " + t, e);
        }
        return new Call(code, params);
    }
}
