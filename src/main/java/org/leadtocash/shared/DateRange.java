package org.leadtocash.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;


/** The calendar days of a KPI report, both ends included, as the request's {@code from} and {@code to}. */
public record DateRange(LocalDate from, LocalDate to) {
    /**
     * @throws InvalidInputException naming the parameter that breaks a rule (the API answers 400): {@code from} or
     *         {@code to} "required", {@code to} "not-before-from", {@code to} "max-range" (at most 5 years)
     */
    public DateRange {
        if (from == null || to == null) {
            throw new InvalidInputException(from == null ? "from" : "to", "required", "is required (yyyy-MM-dd)");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "not-before-from", "must be on or after from");
        }
        if (from.plusYears(5).isBefore(to)) {
            throw new InvalidInputException("to", "max-range", "the range may span at most 5 years");
        }
    }

    /** The first instant of {@code from} in the zone. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code to} in the zone (exclusive end). */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
