package org.leadtocash.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/**
 * Turns a notification task's {@code recipients} (after the engine evaluated its {@code ${…}} expressions) into
 * recipients: a list ({@code camunda:list}) or a text with references separated by commas, semicolons or new lines.
 * Each reference is {@code kind:value}; {@code mobile:13800001111} is answered here, every other kind by the
 * {@link RecipientDirectory} that declares it. People found twice are notified once.
 */
@Component
public class NotificationRecipients {
    static final String MOBILE = "mobile";

    private final Map<String, RecipientDirectory> directories = new LinkedHashMap<>();

    NotificationRecipients(List<RecipientDirectory> directories) {
        for (RecipientDirectory directory : directories) {
            for (String kind : directory.kinds()) {
                RecipientDirectory other = this.directories.put(kind, directory);
                if (other != null) {
                    throw new IllegalStateException("two recipient directories for '" + kind + "': "
                            + other.getClass().getName() + " and " + directory.getClass().getName());
                }
            }
        }
    }

    /** The kinds a reference may have, sorted. */
    public List<String> kinds() {
        TreeSet<String> kinds = new TreeSet<>(directories.keySet());
        kinds.add(MOBILE);
        return List.copyOf(kinds);
    }

    /**
     * @throws IllegalArgumentException naming the reference and the rule it broke, when a reference is not
     *                                  {@code kind:value}, its kind is unknown, or all of them together name nobody
     */
    public List<Recipient> resolve(Object recipients) {
        List<String> refs = references(recipients);
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("recipients must name at least one recipient, e.g. role:manager");
        }
        Map<String, Recipient> found = new LinkedHashMap<>();
        for (String ref : refs) {
            int colon = ref.indexOf(':');
            if (colon <= 0 || colon == ref.length() - 1) {
                throw new IllegalArgumentException("recipients: '" + ref + "' must be kind:value, one of "
                        + kinds() + " (e.g. role:manager)");
            }
            String kind = ref.substring(0, colon).strip().toLowerCase();
            String value = ref.substring(colon + 1).strip();
            List<Recipient> people;
            if (MOBILE.equals(kind)) {
                if (!value.matches("\\+?\\d[\\d -]{4,19}")) {
                    throw new IllegalArgumentException("recipients: '" + ref + "' is not a phone number");
                }
                people = List.of(new Recipient(null, value.replaceAll("[ -]", "")));
            } else {
                RecipientDirectory directory = directories.get(kind);
                if (directory == null) {
                    throw new IllegalArgumentException("recipients: unknown kind '" + kind + "' in '" + ref
                            + "', use one of " + kinds());
                }
                people = directory.resolve(kind, value);
            }
            for (Recipient r : people) {
                found.putIfAbsent(r.userId() != null ? "user:" + r.userId() : "mobile:" + r.mobile(), r);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("recipients " + refs + " name nobody");
        }
        return new ArrayList<>(found.values());
    }

    private static List<String> references(Object recipients) {
        List<String> refs = new ArrayList<>();
        if (recipients instanceof Collection<?> items) {
            for (Object item : items) {
                refs.addAll(references(item));
            }
        } else if (recipients != null) {
            for (String part : recipients.toString().split("[,;，；\\n]")) {
                if (!part.isBlank()) {
                    refs.add(part.strip());
                }
            }
        }
        return refs;
    }
}
