package org.leadtocash.shared;

/** One broken rule of one input field: which field, which rule, and a message a person can act on. */
public record FieldError(String field, String rule, String message) {
}
