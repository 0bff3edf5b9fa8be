package org.leadtocash.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.slf4j.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends fuzz cases and judges every answer: a 4xx of the expected kind (never 2xx, never 5xx); a 400 is a problem
 * document whose {@code errors} name a field and a rule (and, where the case knows it, the field it broke); a 401
 * names the credential, a 413 the size, a 415 the content type; and no row appeared anywhere.
 */
final class FuzzRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One hostile request.
     *
     * @param kind     the generator that made it (for the summary)
     * @param statuses the acceptable answers
     * @param fields   for a 400: at least one error must name one of these (empty: any field)
     */
    record Case(String kind, String name, String path, Map<String, String> headers, byte[] body, Set<Integer> statuses, Set<String> fields) {
    }

    private final RawHttp http;
    private final Supplier<Map<String, Integer>> rows;
    private final Logger log;

    FuzzRunner(RawHttp http, Supplier<Map<String, Integer>> rows, Logger log) {
        this.http = http;
        this.rows = rows;
        this.log = log;
    }

    /** Runs every case; returns the problems found (empty when all answers were right). */
    List<String> run(String title, List<Case> cases) {
        Map<String, Integer> before = rows.get();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byKind = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> r = http.send("POST", c.path(), c.headers(), c.body());
            byStatus.merge(r.statusCode(), 1, Integer::sum);
            byKind.computeIfAbsent(c.kind(), k -> new TreeMap<>()).merge(r.statusCode(), 1, Integer::sum);
            List<String> wrong = judge(c, r);
            Map<String, Integer> after = rows.get();
            if (!after.equals(before)) {
                wrong.add("rows were stored: " + before + " -> " + after);
                before = after;
            }
            if (!wrong.isEmpty()) {
                problems.add("[" + c.kind() + "] " + c.name() + " (" + c.body().length + " bytes, " + c.headers() + "): "
                        + String.join("; ", wrong) + "\n    answer " + r.statusCode() + " " + UnauthenticatedAccessTests.abbreviate(r.body()));
            }
        }
        log.info("{}: {} payloads, answers by status {}", title, cases.size(), byStatus);
        byKind.forEach((kind, statuses) -> log.info("{}:   {} -> {}", title, kind, statuses));
        if (!problems.isEmpty()) {
            log.error("{}: {} wrong answers, first: {}", title, problems.size(), problems.get(0));
        }
        return problems;
    }

    private static List<String> judge(Case c, HttpResponse<String> r) {
        List<String> wrong = new ArrayList<>();
        int status = r.statusCode();
        if (status >= 500) {
            wrong.add("a server error");
        } else if (status < 400) {
            wrong.add("accepted");
        }
        if (!c.statuses().contains(status)) {
            wrong.add("expected one of " + c.statuses());
        }
        String body = r.body() == null ? "" : r.body();
        switch (status) {
            case 400 -> {
                JsonNode errors = errors(body);
                if (errors == null || !errors.isArray() || errors.isEmpty()) {
                    wrong.add("no errors array");
                } else {
                    List<String> named = new ArrayList<>();
                    for (JsonNode e : errors) {
                        if (e.path("field").asText().isBlank() || e.path("rule").asText().isBlank() || e.path("message").asText().isBlank()) {
                            wrong.add("an error without field, rule or message: " + e);
                        }
                        named.add(e.path("field").asText());
                    }
                    if (!c.fields().isEmpty() && named.stream().noneMatch(c.fields()::contains)) {
                        wrong.add("expected an error naming one of " + c.fields() + ", named " + named);
                    }
                }
            }
            case 401 -> {
                boolean namesKey = body.contains("X-Api-Key");
                boolean namesScheme = r.headers().firstValue("WWW-Authenticate").isPresent();
                if (!namesKey && !namesScheme) {
                    wrong.add("the 401 names neither the X-Api-Key header nor an authentication scheme");
                }
            }
            case 413 -> {
                String lower = body.toLowerCase();
                if (!lower.contains("size") && !lower.contains("large") && !lower.contains("mb")) {
                    wrong.add("the 413 does not say what is too large");
                }
            }
            case 415 -> {
                if (!body.toLowerCase().contains("content-type") && !body.toLowerCase().contains("content type")) {
                    wrong.add("the 415 does not name the Content-Type");
                }
            }
            default -> {
            }
        }
        return wrong;
    }

    private static JsonNode errors(String body) {
        try {
            return JSON.readTree(body).path("errors");
        } catch (Exception e) {
            return null;
        }
    }

    static Map<String, String> headers(String... nameValue) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            if (nameValue[i + 1] != null) {
                h.put(nameValue[i], nameValue[i + 1]);
            }
        }
        return h;
    }
}
