package org.leadtocash.shared;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input broke one or more rules. Carries every broken rule so the caller can fix them all at once;
 * the API answers 400, a process delegate lets it roll the user's action back with the same message.
 */
public class InvalidInputException extends RuntimeException {
    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String rule, String message) {
        this(List.of(new FieldError(field, rule, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message() + " [" + e.rule() + "]")
                .collect(Collectors.joining("; "));
    }
}
