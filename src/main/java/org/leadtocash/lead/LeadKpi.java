package org.leadtocash.lead;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

import org.leadtocash.lead.LeadFirstContactSummary.Dimension;
import org.leadtocash.lead.LeadFirstContactSummary.Sums;
import org.leadtocash.shared.DateRange;
import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Service;

/**
 * share of leads first contacted within the SLA (4 h as drawn on the first-contact timer of the newest deployed
 * {@code LeadRoutingProcess}) and median time to first contact, over leads created in a date range, overall, per rep,
 * per source and per region. Invalid leads are left out (there is no customer to reach); a lead not yet reached counts
 * as not within the SLA.
 * <p>
 * The figures are sums of {@link LeadFirstContactSummary}'s rows for the range's days (a 90-day range of a busy year is a
 * quarter of a million leads, too many to read per call). The median is known to its {@link DurationHistogram} bucket,
 * the bucket of the middle lead (of the upper middle one for an even count): {@code medianMinutesToFirstContact} is its
 * upper edge (the median is at most that) and {@code medianMinutesToFirstContactFrom} its lower edge (the middle lead
 * took longer than that); a middle lead beyond the last edge (90 days) gives only {@code ...From}. "Within the SLA" is exact when the SLA is a bucket edge (4 h,
 * 3 h, 1 h...); for any other SLA the report is computed from every lead of the range instead (correct but slower).
 * A rep's own view reads his REP rows for the overall and per-rep figures and his own leads for per source and per
 * region, which the summary does not hold per rep: that read grows with what he holds, not with the company's history.
 */
@Service
class LeadKpi {
    private final LeadRepository leads;
    private final LeadFirstContactSummary summary;
    private final LeadSla sla;
    private final EngineClock clock;

    public LeadKpi(LeadRepository leads, LeadFirstContactSummary summary, LeadSla sla, EngineClock clock) {
        this.leads = leads;
        this.summary = summary;
        this.sla = sla;
        this.clock = clock;
    }

    /**
     * Figures of one group of leads. Share is a fraction 0..1 with 4 decimals; the median's bucket in minutes, over
     * {@code medianMinutesToFirstContactFrom} up to {@code medianMinutesToFirstContact}; both null when none was reached.
     */
    public record Figures(String group, int leads, int contacted, int contactedWithinSla, BigDecimal shareWithinSla,
                          Long medianMinutesToFirstContact, Long medianMinutesToFirstContactFrom) {
    }

    public record Report(LocalDate from, LocalDate to, long slaMinutes, Figures overall, List<Figures> byRep, List<Figures> bySource,
                         List<Figures> byRegion) {
    }

    /** @param onlyRep restrict to one rep's leads (a rep's own view), or null for all */
    public Report firstContact(LocalDate from, LocalDate to, String onlyRep) {
        new DateRange(from, to);
        Duration within = sla.latest().firstContact().duration();
        if (DurationHistogram.within(new long[DurationHistogram.BUCKETS], within).isEmpty()) {
            return fromLeads(from, to, onlyRep, within);
        }
        Map<Dimension, Map<String, Sums>> sums = summary.sums(from, to, onlyRep);
        if (onlyRep != null) {
            Map<String, Sums> his = sums.get(Dimension.REP);
            Report own = fromLeads(from, to, onlyRep, within);
            return new Report(from, to, within.toMinutes(), figures("all", his.get(onlyRep), within),
                    figures(his, within), own.bySource(), own.byRegion());
        }
        return new Report(from, to, within.toMinutes(), figures("all", sums.get(Dimension.ALL).get(""), within),
                figures(sums.get(Dimension.REP), within), figures(sums.get(Dimension.SOURCE), within),
                figures(sums.get(Dimension.REGION), within));
    }

    /** The same report computed from every valid lead of the range: for an SLA between bucket edges, and a rep's own leads. */
    Report fromLeads(LocalDate from, LocalDate to, String onlyRep, Duration within) {
        DateRange range = new DateRange(from, to);
        List<LeadRepository.KpiRow> rows = leads.kpiRowsCreatedBetween(range.start(clock.zone()), range.end(clock.zone()), onlyRep);
        return new Report(from, to, within.toMinutes(), figures("all", rows, within),
                grouped(rows, l -> l.assignee() == null ? LeadFirstContactSummary.UNASSIGNED : l.assignee(), within),
                grouped(rows, LeadRepository.KpiRow::source, within),
                grouped(rows, LeadRepository.KpiRow::region, within));
    }

    private static List<Figures> figures(Map<String, Sums> groups, Duration sla) {
        List<Figures> out = new ArrayList<>();
        groups.forEach((group, sums) -> out.add(figures(group, sums, sla)));
        return out;
    }

    private static Figures figures(String group, Sums sums, Duration sla) {
        if (sums == null) {
            return figures(group, 0, 0, 0, new long[DurationHistogram.BUCKETS]);
        }
        OptionalLong within = DurationHistogram.within(sums.buckets(), sla);
        return figures(group, sums.leads(), sums.contacted(), within.orElseThrow(), sums.buckets());
    }

    private static List<Figures> grouped(List<LeadRepository.KpiRow> rows, Function<LeadRepository.KpiRow, String> key, Duration sla) {
        Map<String, List<LeadRepository.KpiRow>> groups = new TreeMap<>();
        rows.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        List<Figures> out = new ArrayList<>();
        groups.forEach((k, v) -> out.add(figures(k, v, sla)));
        return out;
    }

    static Figures figures(String group, List<LeadRepository.KpiRow> rows, Duration sla) {
        long[] buckets = new long[DurationHistogram.BUCKETS];
        int contacted = 0;
        int within = 0;
        for (LeadRepository.KpiRow l : rows) {
            if (l.firstContactAt() != null) {
                Duration taken = Duration.between(l.createdAt(), l.firstContactAt());
                contacted++;
                buckets[DurationHistogram.bucketOf(taken)]++;
                within += taken.compareTo(sla) <= 0 ? 1 : 0;
            }
        }
        return figures(group, rows.size(), contacted, within, buckets);
    }

    private static Figures figures(String group, long leads, long contacted, long within, long[] buckets) {
        BigDecimal share = leads == 0 ? null : BigDecimal.valueOf(within).divide(BigDecimal.valueOf(leads), 4, RoundingMode.HALF_UP);
        DurationHistogram.Bucket median = DurationHistogram.median(buckets);
        return new Figures(group, Math.toIntExact(leads), Math.toIntExact(contacted), Math.toIntExact(within), share,
                median == null || median.to() == null ? null : median.to().toMinutes(), median == null ? null : median.from().toMinutes());
    }
}
