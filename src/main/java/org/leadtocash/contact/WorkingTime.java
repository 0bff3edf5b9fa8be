package org.leadtocash.contact;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A rep's working time, the denominator of the contact-time share: Monday to Friday, 09:00–12:00 and
 * 13:00–18:00 in the sales team's zone ({@code leadtocash.zone}, Asia/Shanghai), 8 hours net (the lunch hour
 * 12:00–13:00 excluded). Public holidays and make-up working days are not modelled; contact outside these hours is not
 * counted.
 */
final class WorkingTime {
    static final List<LocalTime[]> WINDOWS = List.of(
            new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(12, 0)},
            new LocalTime[] {LocalTime.of(13, 0), LocalTime.of(18, 0)});
    static final String DESCRIPTION = "周一至周五 09:00–12:00、13:00–18:00（每天 8 小时）Mon–Fri 09:00–12:00 and 13:00–18:00 (8 h a day)";

    /** A half-open span of time [start, end). */
    record Span(Instant start, Instant end) {
        long seconds() {
            return Math.max(0, end.getEpochSecond() - start.getEpochSecond());
        }
    }

    private WorkingTime() {
    }

    static boolean workday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The day's working windows; none on a weekend. */
    static List<Span> windows(LocalDate day, ZoneId zone) {
        if (!workday(day)) {
            return List.of();
        }
        return WINDOWS.stream().map(w -> new Span(day.atTime(w[0]).atZone(zone).toInstant(), day.atTime(w[1]).atZone(zone).toInstant()))
                .toList();
    }

    static long workingSeconds(LocalDate day, ZoneId zone) {
        return windows(day, zone).stream().mapToLong(Span::seconds).sum();
    }

    /** Seconds of the day's working time covered by at least one span: overlapping spans count once. */
    static long coveredSeconds(LocalDate day, ZoneId zone, List<Span> spans) {
        long total = 0;
        for (Span window : windows(day, zone)) {
            List<Span> clipped = new ArrayList<>();
            for (Span s : spans) {
                Instant start = s.start().isAfter(window.start()) ? s.start() : window.start();
                Instant end = s.end().isBefore(window.end()) ? s.end() : window.end();
                if (start.isBefore(end)) {
                    clipped.add(new Span(start, end));
                }
            }
            clipped.sort(Comparator.comparing(Span::start));
            Instant coveredTo = window.start();
            for (Span s : clipped) {
                Instant start = s.start().isAfter(coveredTo) ? s.start() : coveredTo;
                if (s.end().isAfter(start)) {
                    total += s.end().getEpochSecond() - start.getEpochSecond();
                    coveredTo = s.end();
                }
            }
        }
        return total;
    }
}
