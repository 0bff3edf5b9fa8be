package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Chinese label files are complete against the webjar's English ones (a Camunda upgrade that adds labels fails
 * here, naming them) and keep every interpolation, so no Chinese page shows a raw key or a broken {@code {{…}}}.
 * Runs without a browser.
 */
class WebappTranslationsTests {
    private static final Pattern INTERPOLATION = Pattern.compile("\\{\\{.*?}}|%[sd]");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void chineseLabelsCoverEveryEnglishLabelWithTheSamePlaceholders(String app) {
        JsonNode en = WebappLabels.file(app, "en").path("labels");
        JsonNode zh = WebappLabels.file(app, "zh").path("labels");
        List<String> missing = new ArrayList<>();
        Map<String, String> brokenPlaceholders = new TreeMap<>();
        for (Iterator<String> keys = en.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!zh.path(key).isTextual()) {
                missing.add(key);
            } else if (!placeholders(en.path(key).asText()).equals(placeholders(zh.path(key).asText()))
                    && !key.equals("BANNER_CE_EOL_TEXT")) {
                brokenPlaceholders.put(key, en.path(key).asText() + " → " + zh.path(key).asText());
            }
        }
        assertThat(missing).as("labels of %s missing in zh.json", app).isEmpty();
        assertThat(brokenPlaceholders).as("labels of %s whose placeholders differ", app).isEmpty();
        assertThat(zh.path("BANNER_CE_EOL_TEXT").asText()).as("the Camunda 8 migration banner").isEmpty();
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = INTERPOLATION.matcher(text);
        while (m.find()) {
            found.add(m.group().replace(" ", ""));
        }
        found.sort(null);
        return found;
    }
}
