package org.leadtocash.followup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.leadtocash.lead.SalesStaff;
import org.leadtocash.lead.SalesTeam;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Service;

/**
 * The overdue follow-up ratio: of the customers in the cadence that are ACTIVE or became LOST in the last
 * {@link #WINDOW}, the share whose promised next follow-up date has passed with no contact since (last contact before
 * the promised day). Per rep (the customer's owner), team (the owner's sales region, with its managers) and company,
 * as of the engine clock's today in the team's zone. Ratios have 4 decimals, half up; no customers gives ratio 0.
 */
@Service
class FollowUpKpi {
    /** "lost and active customers in the last 3 months" */
    static final Period WINDOW = Period.ofMonths(3);

    private final FollowUpRepository repository;
    private final SalesTeam salesTeam;
    private final EngineClock clock;

    FollowUpKpi(FollowUpRepository repository, SalesTeam salesTeam, EngineClock clock) {
        this.repository = repository;
        this.salesTeam = salesTeam;
        this.clock = clock;
    }

    /** Overdue and counted customers and their ratio. */
    record Figure(int overdueCustomers, int customers, BigDecimal overdueRatio) {
        static Figure of(int overdue, int customers) {
            BigDecimal ratio = customers == 0 ? BigDecimal.ZERO.setScale(4)
                    : BigDecimal.valueOf(overdue).divide(BigDecimal.valueOf(customers), 4, RoundingMode.HALF_UP);
            return new Figure(overdue, customers, ratio);
        }
    }

    record RepFigure(String repId, String repName, String team, int overdueCustomers, int customers, BigDecimal overdueRatio) {
    }

    record TeamFigure(String team, List<String> managers, int overdueCustomers, int customers, BigDecimal overdueRatio,
                      boolean strongerReminders) {
    }

    /** {@code company} and {@code teams} are null for a rep, who sees only his own line. */
    record Report(LocalDate asOf, Instant lostSince, Figure company, List<TeamFigure> teams, List<RepFigure> reps) {
    }

    /** The report; {@code viewer} null = everyone (overseers), else that rep's own figure only. */
    Report report(String viewer, Function<String, Boolean> strongerOn) {
        LocalDate today = clock.today();
        Instant lostSince = lostSince();
        List<FollowUpRepository.Counted> counted = repository.counted(lostSince);
        Map<String, int[]> byRep = new TreeMap<>();
        Map<String, String[]> repInfo = new TreeMap<>();
        Map<String, int[]> byTeam = new TreeMap<>();
        int[] company = new int[2];
        for (FollowUpRepository.Counted c : counted) {
            int overdue = overdue(c, today) ? 1 : 0;
            add(byRep.computeIfAbsent(c.repId(), k -> new int[2]), overdue);
            repInfo.putIfAbsent(c.repId(), new String[] {c.repName(), c.team()});
            if (c.team() != null) {
                add(byTeam.computeIfAbsent(c.team(), k -> new int[2]), overdue);
            }
            add(company, overdue);
        }
        List<RepFigure> reps = new ArrayList<>();
        byRep.forEach((rep, n) -> {
            if (viewer == null || viewer.equals(rep)) {
                Figure f = Figure.of(n[0], n[1]);
                reps.add(new RepFigure(rep, repInfo.get(rep)[0], repInfo.get(rep)[1], f.overdueCustomers(), f.customers(),
                        f.overdueRatio()));
            }
        });
        if (viewer != null) {
            return new Report(today, lostSince, null, null, reps);
        }
        List<TeamFigure> teams = new ArrayList<>();
        for (String team : teams(byTeam)) {
            int[] n = byTeam.getOrDefault(team, new int[2]);
            Figure f = Figure.of(n[0], n[1]);
            teams.add(new TeamFigure(team, managers(team).stream().map(SalesStaff::userId).toList(), f.overdueCustomers(),
                    f.customers(), f.overdueRatio(), strongerOn.apply(team)));
        }
        return new Report(today, lostSince, Figure.of(company[0], company[1]), teams, reps);
    }

    /** One team's figure, for the daily evaluation. */
    Figure team(String team) {
        LocalDate today = clock.today();
        int[] n = new int[2];
        for (FollowUpRepository.Counted c : repository.counted(lostSince())) {
            if (team.equals(c.team())) {
                add(n, overdue(c, today) ? 1 : 0);
            }
        }
        return Figure.of(n[0], n[1]);
    }

    /** Every team: the regions of active reps, plus any team that has customers in the cadence. */
    List<String> teamCodes() {
        return teams(Map.of());
    }

    /** The team's managers: those of its region, else the company-wide ones (no region). */
    List<SalesStaff> managers(String team) {
        List<SalesStaff> managers = salesTeam.roster().stream()
                .filter(s -> s.active() && SalesStaff.MANAGER.equals(s.role())).toList();
        List<SalesStaff> own = managers.stream().filter(m -> m.region() != null && m.region().equals(team)).toList();
        return own.isEmpty() ? managers.stream().filter(m -> m.region() == null).toList() : own;
    }

    private List<String> teams(Map<String, int[]> withCustomers) {
        TreeSet<String> teams = new TreeSet<>(withCustomers.keySet());
        salesTeam.roster().stream().filter(s -> s.active() && SalesStaff.REP.equals(s.role()) && s.region() != null)
                .forEach(s -> teams.add(s.region()));
        return List.copyOf(teams);
    }

    private Instant lostSince() {
        return clock.now().atZone(clock.zone()).minus(WINDOW).toInstant();
    }

    /** The promised day has passed and the last contact was before it. */
    private boolean overdue(FollowUpRepository.Counted c, LocalDate today) {
        return c.nextFollowUpDate().isBefore(today)
                && c.lastContactAt().isBefore(c.nextFollowUpDate().atStartOfDay(clock.zone()).toInstant());
    }

    private static void add(int[] n, int overdue) {
        n[0] += overdue;
        n[1]++;
    }
}
