package org.leadtocash.contact;

import java.util.Map;
import java.util.Set;

import org.leadtocash.shared.AppVariables;
import org.springframework.stereotype.Component;

/** The input this module gives the contact-time band decision it evaluates in Java. */
@Component
class ContactAppVariables implements AppVariables {
    @Override
    public Map<String, Set<String>> byKey() {
        return Map.of(ContactTimeBands.DECISION, Set.of(ContactTimeBands.INPUT));
    }
}
