package org.leadtocash.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The webapps' labels as the browser gets them: {@code app/<app>/locales/<locale>.json} on the class path — ours for
 * {@code zh}, the Camunda webjar's for {@code en}. Tests look texts up here instead of repeating them.
 */
final class WebappLabels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebappLabels() {
    }

    static String zh(String app, String key) {
        return label(app, "zh", key);
    }

    static String en(String app, String key) {
        return label(app, "en", key);
    }

    static String label(String app, String locale, String key) {
        JsonNode label = file(app, locale).path("labels").path(key);
        if (!label.isTextual()) {
            throw new IllegalArgumentException("no label " + key + " in " + path(app, locale));
        }
        return label.asText().strip();
    }

    static JsonNode file(String app, String locale) {
        String path = path(app, locale);
        try (InputStream in = WebappLabels.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("not on the class path: " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Camunda's own files start with a byte-order mark, which strict JSON parsers refuse
            return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(String app, String locale) {
        return "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + locale + ".json";
    }
}
