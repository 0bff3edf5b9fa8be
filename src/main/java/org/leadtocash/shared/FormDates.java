package org.leadtocash.shared;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;

/** A date as forms and APIs send it: a {@link LocalDate}, a {@link Date}, or text {@code yyyy-MM-dd} (an ISO date-time is cut to its date). */
public final class FormDates {
    private FormDates() {
    }

    /**
     * The date of a non-blank value; a {@link Date} is read in {@code zone}.
     *
     * @throws DateTimeParseException when the text is not a date; the caller names the field and the rule
     */
    public static LocalDate parse(Object value, ZoneId zone) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Date d) {
            return LocalDate.ofInstant(d.toInstant(), zone);
        }
        String s = value.toString().strip();
        // form-js date fields submit yyyy-MM-dd; accept a full ISO date-time too
        return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    }
}
