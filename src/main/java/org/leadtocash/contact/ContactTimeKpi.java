package org.leadtocash.contact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.leadtocash.contact.WorkingTime.Span;
import org.leadtocash.lead.PhoneDirectory;
import org.leadtocash.shared.DateRange;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Service;

/**
 * Effective contact-time share (R-33, healthy &gt; 65 %, warning &lt; 50 %): per rep, the seconds of his working time
 * ({@link WorkingTime}: Mon–Fri 09:00–12:00 and 13:00–18:00, 8 h net, in the sales team's zone) spent in customer
 * contact, over the working seconds, per day, per ISO week (Monday first, only the days inside the range) and over the
 * range. Customer contact is
 * <ul>
 * <li>a reached call with a lead or customer (call records whose other party matched a lead's contact phone), from its
 * start for its duration;</li>
 * <li>a business-trip day (出差, a visit to customers; trips are recorded per day, without hours): the whole working day.</li>
 * </ul>
 * Overlapping contact counts once. The band of each figure comes from the owner's DMN ({@link ContactTimeBands}).
 * Shares are fractions 0..1 with 4 decimals; null on a range without working time.
 */
@Service
class ContactTimeKpi {
    private final ContactRepository repository;
    private final PhoneDirectory directory;
    private final ContactTimeBands bands;
    private final EngineClock clock;

    ContactTimeKpi(ContactRepository repository, PhoneDirectory directory, ContactTimeBands bands, EngineClock clock) {
        this.repository = repository;
        this.directory = directory;
        this.bands = bands;
        this.clock = clock;
    }

    record Figure(long workingSeconds, long contactSeconds, BigDecimal share, String band) {
    }

    record Day(LocalDate date, long workingSeconds, long contactSeconds, BigDecimal share, String band) {
    }

    record Week(LocalDate weekStart, long workingSeconds, long contactSeconds, BigDecimal share, String band) {
    }

    record RepFigures(String repId, Figure total, List<Day> days, List<Week> weeks) {
    }

    record Report(LocalDate from, LocalDate to, String zone, String workingTime, List<RepFigures> reps) {
    }

    /** @param reps the reps to report, in this order */
    Report report(LocalDate from, LocalDate to, List<String> reps) {
        DateRange range = new DateRange(from, to);
        ZoneId zone = clock.zone();
        Function<BigDecimal, String> band = bands.current();
        List<RepFigures> figures = new ArrayList<>();
        for (String rep : reps) {
            // a call may start the evening before and last into the range (at most 24 h)
            List<Span> contact = new ArrayList<>();
            repository.customerCalls(rep, range.start(zone).minusSeconds(CallRecordInput.MAX_DURATION_SECONDS), range.end(zone))
                    .forEach(c -> contact.add(new Span(c.startedAt(), c.startedAt().plusSeconds(c.durationSeconds()))));
            for (PhoneDirectory.RepTrip trip : directory.trips(rep, from, to)) {
                for (LocalDate d = trip.startDate(); !d.isAfter(trip.endDate()); d = d.plusDays(1)) {
                    contact.add(new Span(d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant()));
                }
            }
            List<Day> days = new ArrayList<>();
            Map<LocalDate, long[]> weeks = new LinkedHashMap<>();
            long working = 0;
            long covered = 0;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (!WorkingTime.workday(d)) {
                    continue;
                }
                long w = WorkingTime.workingSeconds(d, zone);
                long c = WorkingTime.coveredSeconds(d, zone, contact);
                BigDecimal share = share(c, w);
                days.add(new Day(d, w, c, share, band.apply(share)));
                long[] week = weeks.computeIfAbsent(d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), k -> new long[2]);
                week[0] += w;
                week[1] += c;
                working += w;
                covered += c;
            }
            List<Week> weekFigures = new ArrayList<>();
            weeks.forEach((start, s) -> weekFigures.add(new Week(start, s[0], s[1], share(s[1], s[0]), band.apply(share(s[1], s[0])))));
            BigDecimal total = share(covered, working);
            figures.add(new RepFigures(rep, new Figure(working, covered, total, band.apply(total)), days, weekFigures));
        }
        return new Report(from, to, zone.getId(), WorkingTime.DESCRIPTION, figures);
    }

    private static BigDecimal share(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
