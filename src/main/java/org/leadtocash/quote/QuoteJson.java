package org.leadtocash.quote;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * JSON process variables of this process: written as Spin JSON ({@code Json} type, which Tasklist hands to Camunda
 * Forms' dynamic lists and sends back as Json), read from whatever arrives — Spin JSON, a Java list/map (a completion
 * payload through the Java API), a JSON string.
 */
final class QuoteJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private QuoteJson() {
    }

    /** A Json-typed variable value. */
    static TypedValue variable(Object value) {
        try {
            return SpinValues.jsonValue(MAPPER.writeValueAsString(value)).create();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The value as a JSON tree; a string that is no JSON becomes a text node; null stays null. */
    static JsonNode tree(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Number || value instanceof Boolean) {
            return MAPPER.valueToTree(value);
        }
        String text = value.toString(); // String, Spin JSON node (its toString is the JSON), anything else
        if (value instanceof String && !looksLikeJson(text)) {
            return TextNode.valueOf(text);
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return TextNode.valueOf(text);
        }
    }

    /** A JSON number or numeric string as BigDecimal, or null when it is neither. */
    static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String text(JsonNode node, String... names) {
        if (node == null) {
            return null;
        }
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && !v.isNull()) {
                return v.isTextual() ? v.textValue() : v.toString();
            }
        }
        return null;
    }

    private static boolean looksLikeJson(String s) {
        String t = s.strip();
        return t.startsWith("{") || t.startsWith("[");
    }
}
