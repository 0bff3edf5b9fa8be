package org.leadtocash.security;

import java.nio.file.Path;
import java.util.List;

/**
 * Text a user might type to get it evaluated: JUEL (Camunda's expression language, both delimiters), Spring EL,
 * template languages, script tags, SQL, spreadsheet formulas, a log4shell lookup. Stored and answered back, each
 * must come out exactly as it went in. The Runtime.exec payloads would create {@link #MARKER} if anything evaluated them.
 */
final class Hostile {
    /** A file that exists only if some expression ran. */
    static final Path MARKER = Path.of("target", "security-tests-expression-evaluated").toAbsolutePath();

    static final List<String> TEXTS = List.of(
            "${1+1}",
            "#{1+1}",
            "${execution.setVariable('x', 1)}",
            "#{execution.setVariable('x',1)}",
            "${applicationContext}",
            "${execution.getProcessEngineServices().getRuntimeService()}",
            "${''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch " + MARKER + "')}",
            "#{T(java.lang.Runtime).getRuntime().exec('touch " + MARKER + "')}",
            "<script>alert('xss')</script>",
            "<img src=x onerror=alert(document.cookie)>",
            "'; DROP TABLE sales_lead; --",
            "\" OR \"1\"=\"1",
            "{{7*7}} %{7*7} #set($x = 7*7)$x",
            "=cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "${jndi:ldap://127.0.0.1:1389/x}");

    private Hostile() {
    }

    /** The text if it fits the field, otherwise a harmless stand-in. */
    static String fit(String text, int max, String standIn) {
        return text.length() <= max ? text : standIn;
    }
}
