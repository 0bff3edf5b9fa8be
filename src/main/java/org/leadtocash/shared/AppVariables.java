package org.leadtocash.shared;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables the application's own code gives a process (start variables from its API, what its delegates and
 * listeners set, message payloads) or a decision it evaluates in Java, by process or decision key. Each module declares
 * its own as one bean; the deploy-time check treats these, with what a diagram provides itself (form fields, result and
 * output variables), as the only variables a diagram's expressions may read.
 */
public interface AppVariables {
    /** Process or decision key → the variable names the application provides to it. */
    Map<String, Set<String>> byKey();

    /** The values of a constants class's {@code public static final String} fields: a process's {@code Vars} list. */
    static Set<String> constants(Class<?> names) {
        Set<String> out = new TreeSet<>();
        for (Field f : names.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
                try {
                    out.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Set.copyOf(out);
    }
}
