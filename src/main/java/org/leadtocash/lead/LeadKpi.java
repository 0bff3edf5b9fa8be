package org.leadtocash.lead;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.leadtocash.shared.DateRange;
import org.leadtocash.shared.Stats;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Service;

/**
 * share of leads first contacted within the SLA (4 h as drawn on the first-contact timer of the newest deployed
 * {@code LeadRoutingProcess}) and median time to first contact, overall, per rep and per source, over leads created in
 * a date range, overall, per rep, per source and per region. Invalid leads are left out (there is no customer to reach);
 * a lead not yet reached counts as not within the SLA. Reads only the columns it counts with (see
 * {@link LeadRepository.KpiRow}): a 90-day range of a busy year is a quarter of a million leads.
 */
@Service
class LeadKpi {
    private final LeadRepository leads;
    private final LeadSla sla;
    private final EngineClock clock;

    public LeadKpi(LeadRepository leads, LeadSla sla, EngineClock clock) {
        this.leads = leads;
        this.sla = sla;
        this.clock = clock;
    }

    /** Figures of one group of leads. Share is a fraction 0..1 with 4 decimals; median in minutes, null when none reached. */
    public record Figures(String group, int leads, int contacted, int contactedWithinSla, BigDecimal shareWithinSla,
                          Long medianMinutesToFirstContact) {
    }

    public record Report(LocalDate from, LocalDate to, long slaMinutes, Figures overall, List<Figures> byRep, List<Figures> bySource,
                         List<Figures> byRegion) {
    }

    /** @param onlyRep restrict to one rep's leads (a rep's own view), or null for all */
    public Report firstContact(LocalDate from, LocalDate to, String onlyRep) {
        DateRange range = new DateRange(from, to);
        List<LeadRepository.KpiRow> rows = leads.kpiRowsCreatedBetween(range.start(clock.zone()), range.end(clock.zone()), onlyRep);
        Duration within = sla.latest().firstContact().duration();
        return new Report(from, to, within.toMinutes(), figures("all", rows, within),
                grouped(rows, l -> l.assignee() == null ? "(unassigned)" : l.assignee(), within),
                grouped(rows, LeadRepository.KpiRow::source, within),
                grouped(rows, LeadRepository.KpiRow::region, within));
    }

    private static List<Figures> grouped(List<LeadRepository.KpiRow> rows, Function<LeadRepository.KpiRow, String> key, Duration sla) {
        Map<String, List<LeadRepository.KpiRow>> groups = rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        List<Figures> out = new ArrayList<>();
        groups.forEach((k, v) -> out.add(figures(k, v, sla)));
        return out;
    }

    static Figures figures(String group, List<LeadRepository.KpiRow> rows, Duration sla) {
        List<BigDecimal> minutes = rows.stream().filter(l -> l.firstContactAt() != null)
                .map(l -> BigDecimal.valueOf(Duration.between(l.createdAt(), l.firstContactAt()).toMinutes())).sorted().toList();
        int within = (int) rows.stream().filter(l -> l.firstContactAt() != null
                && Duration.between(l.createdAt(), l.firstContactAt()).compareTo(sla) <= 0).count();
        BigDecimal share = rows.isEmpty() ? null
                : BigDecimal.valueOf(within).divide(BigDecimal.valueOf(rows.size()), 4, RoundingMode.HALF_UP);
        BigDecimal median = Stats.median(minutes);
        return new Figures(group, rows.size(), minutes.size(), within, share, median == null ? null : median.longValue());
    }
}
