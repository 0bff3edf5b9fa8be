package org.leadtocash.notify;

import java.util.List;
import java.util.Set;

/**
 * Finds the people behind one recipient reference {@code kind:value} of a notification task's {@code recipients}
 * input parameter, e.g. {@code role:manager} or {@code manager-of:zhangsan}. The module that knows the people (the
 * sales roster) implements it; {@link NotificationRecipients} asks the directory that declares the kind.
 */
public interface RecipientDirectory {
    /** The kinds this directory answers, lower case, e.g. {@code role}, {@code group}, {@code manager-of}. */
    Set<String> kinds();

    /**
     * The recipients for {@code kind:value}; an empty list when nobody matches.
     *
     * @throws IllegalArgumentException when the value is not valid for the kind (the message says why)
     */
    List<Recipient> resolve(String kind, String value);
}
