package org.leadtocash.security;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.springframework.core.annotation.AnnotatedElementUtils;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/**
 * Every operation of Camunda's engine REST API, read from its JAX-RS annotations (the resource classes the REST
 * starter registers, their sub-resource locators followed): a resource added by a Camunda upgrade is covered too.
 * Every operation comes twice: for the default engine ({@code /task}) and by the engine's name
 * ({@code /engine/default/task}). Path parameters are filled with {@code x}.
 */
final class EngineRestResources {
    /** One operation: HTTP method and path below {@code /engine-rest}. */
    record Operation(String method, String path) implements Comparable<Operation> {
        @Override
        public int compareTo(Operation o) {
            return Comparator.comparing(Operation::path).thenComparing(Operation::method).compare(this, o);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private EngineRestResources() {
    }

    static List<Operation> operations() {
        Set<Operation> ops = new LinkedHashSet<>();
        for (Class<?> resource : CamundaRestResources.getResourceClasses()) {
            Path root = AnnotatedElementUtils.findMergedAnnotation(resource, Path.class);
            if (root != null) {
                walk(resource, join("", root.value()), ops, 0);
            }
        }
        List<Operation> sorted = new ArrayList<>(ops);
        sorted.sort(null);
        return sorted;
    }

    private static void walk(Class<?> type, String prefix, Set<Operation> ops, int depth) {
        if (depth > 6) {
            return;
        }
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::toGenericString));
        for (Method m : methods) {
            Path path = AnnotatedElementUtils.findMergedAnnotation(m, Path.class);
            String full = path == null ? prefix : join(prefix, path.value());
            String http = httpMethod(m);
            if (http != null) {
                ops.add(new Operation(http, fill(full)));
            } else if (path != null && !m.getReturnType().isPrimitive() && m.getReturnType() != Object.class) {
                walk(m.getReturnType(), full, ops, depth + 1); // a sub-resource locator
            }
        }
    }

    private static String httpMethod(Method m) {
        for (Class<? extends java.lang.annotation.Annotation> a : List.of(GET.class, POST.class, PUT.class, DELETE.class, OPTIONS.class)) {
            if (AnnotatedElementUtils.hasAnnotation(m, a)) {
                return AnnotatedElementUtils.findMergedAnnotation(m, a).annotationType().getAnnotation(HttpMethod.class).value();
            }
        }
        return null;
    }

    private static String join(String prefix, String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        String joined = (prefix + p).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** The named-engine resources address the one engine, "default"; {id}, {key}, {id: .+} and the like become "x". */
    private static String fill(String template) {
        return template.replaceFirst("^/engine/\\{[^}]*}", "/engine/default").replaceAll("\\{[^}]*}", "x");
    }
}
