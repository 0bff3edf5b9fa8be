package org.leadtocash.contact;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One call detail record as the telephony webhook sends it, checked: every broken rule is reported at once, naming the
 * field and the rule.
 *
 * <pre>
 * {"recordId": "CR-20260302-0001", "caller": "13800000001", "callee": "13912345678",
 *  "start": "2026-03-02T09:00:00+08:00", "durationSeconds": 300, "direction": "OUTBOUND", "connected": true}
 * </pre>
 * {@code direction} is INBOUND or OUTBOUND (any case); {@code connected} is optional: without it a call with a
 * positive duration counts as reached.
 */
record CallRecordInput(String recordId, String caller, String callee, OffsetDateTime start, int durationSeconds,
                       Direction direction, boolean reached) {
    static final int MAX_DURATION_SECONDS = 86_400;
    static final Set<String> FIELDS = Set.of("recordId", "caller", "callee", "start", "durationSeconds", "direction", "connected");
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9][0-9 -]{2,38}");

    enum Direction {
        INBOUND,
        OUTBOUND
    }

    /** The rep's side of the call: the caller of an outbound call, the callee of an inbound one. */
    String repSide() {
        return direction == Direction.OUTBOUND ? caller : callee;
    }

    /** The customer's side of the call. */
    String partySide() {
        return direction == Direction.OUTBOUND ? callee : caller;
    }

    static CallRecordInput from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "json-object", "the call record must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "known-field", "unknown field; allowed fields are " + FIELDS.stream().sorted().toList()));
            }
        }
        String recordId = text(body, "recordId", errors);
        if (recordId != null && !RECORD_ID.matcher(recordId).matches()) {
            errors.add(new FieldError("recordId", "pattern", "1 to 100 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'"));
        }
        String caller = number(body, "caller", errors);
        String callee = number(body, "callee", errors);
        OffsetDateTime start = null;
        String startText = text(body, "start", errors);
        if (startText != null) {
            try {
                start = OffsetDateTime.parse(startText);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("start", "offset-datetime", "must be an ISO date-time with offset, e.g. 2026-03-02T09:00:00+08:00"));
            }
        }
        Integer duration = null;
        JsonNode d = body.get("durationSeconds");
        if (d == null || d.isNull()) {
            errors.add(new FieldError("durationSeconds", "required", "is required"));
        } else if (!d.isIntegralNumber() || !d.canConvertToInt()) {
            errors.add(new FieldError("durationSeconds", "integer", "must be a whole number of seconds"));
        } else if (d.intValue() < 0 || d.intValue() > MAX_DURATION_SECONDS) {
            errors.add(new FieldError("durationSeconds", "range", "must be between 0 and " + MAX_DURATION_SECONDS));
        } else {
            duration = d.intValue();
        }
        Direction direction = null;
        String directionText = text(body, "direction", errors);
        if (directionText != null) {
            try {
                direction = Direction.valueOf(directionText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("direction", "one-of", "must be INBOUND or OUTBOUND"));
            }
        }
        JsonNode connected = body.get("connected");
        if (connected != null && !connected.isNull() && !connected.isBoolean()) {
            errors.add(new FieldError("connected", "boolean", "must be true or false when given"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        boolean reached = connected != null && connected.isBoolean() ? connected.booleanValue() && duration > 0 : duration > 0;
        return new CallRecordInput(recordId, caller, callee, start, duration, direction, reached);
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            errors.add(new FieldError(field, "required", "is required"));
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "string", "must be a string"));
            return null;
        }
        return node.asText().strip();
    }

    private static String number(JsonNode body, String field, List<FieldError> errors) {
        String value = text(body, field, errors);
        if (value != null && !NUMBER.matcher(value).matches()) {
            errors.add(new FieldError(field, "phone", "must be a phone number: digits, optional leading '+', spaces or hyphens, 3 to 40 characters"));
            return null;
        }
        return value;
    }
}
