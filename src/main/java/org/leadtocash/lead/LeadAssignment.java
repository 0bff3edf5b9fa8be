package org.leadtocash.lead;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Load-aware assignment. Precedence: the customer's owner; the rep already following an open lead of
 * the same customer; the DMN's preferred reps; the team. A rep with more than the {@link LeadPolicy} capacity of open leads or on
 * a business trip is skipped. Among the eligible: fewest open leads, then most deals signed in the window, then least
 * recently assigned. The workload figures are kept per rep ({@link StaffRepository#leadMoved}) and the team's ranking
 * is read in index order, so an assignment reads the same few rows for a team of 5 or of 500. The explanation lists
 * the preferred reps, the team's {@value #SHOWN} best-ranked eligible reps and up to {@value #SHOWN} skipped per reason.
 */
@Service
public class LeadAssignment {
    private static final Logger log = LoggerFactory.getLogger(LeadAssignment.class);

    /** How many of the team's eligible reps, and of its skipped reps per reason, the explanation lists. */
    static final int SHOWN = 10;

    static final Comparator<Assignment.Candidate> RANKING = Comparator
            .comparingInt(Assignment.Candidate::openLeads)
            .thenComparing(Comparator.comparingInt(Assignment.Candidate::recentDeals).reversed())
            .thenComparing(Assignment.Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Assignment.Candidate::userId);

    private final LeadRepository leads;
    private final StaffRepository staff;
    private final LeadPolicy policy;
    private final EngineClock clock;

    public LeadAssignment(LeadRepository leads, StaffRepository staff, LeadPolicy policy, EngineClock clock) {
        this.leads = leads;
        this.staff = staff;
        this.policy = policy;
        this.clock = clock;
    }

    @Transactional
    public Assignment assign(String leadId, RoutingDecision routing) {
        Lead lead = leads.find(leadId).orElseThrow(() -> new IllegalStateException("lead " + leadId + " does not exist"));
        Customer customer = leads.findCustomer(lead.customerId()).orElseThrow();
        LeadRepository.Holding before = leads.lockHolding(leadId);
        Instant now = clock.now();
        LeadPolicy.Values rules = policy.forRegion(routing.team());
        staff.retireDealsBefore(now.minus(rules.signedDealWindow()));
        Assignment assignment = decide(lead, customer, routing, rules.maxOpenLeads());
        LeadStatus status = assignment.assigned() ? LeadStatus.ASSIGNED : LeadStatus.UNASSIGNED;
        leads.recordRouting(leadId, before, status, assignment.assignee(), assignment.assigned() ? now : null, routing.ruleName(), assignment.text());
        staff.leadMoved(before, status, assignment.assignee(), now);
        log.info("Lead {} routed by rule '{}': {}", leadId, routing.ruleName(),
                assignment.assigned() ? "assigned to " + assignment.assignee() : "no eligible rep, manager assigns");
        return assignment;
    }

    private Assignment decide(Lead lead, Customer customer, RoutingDecision routing, int max) {
        List<String> notes = new ArrayList<>();
        if (customer.ownerId() != null) {
            Optional<SalesStaff> owner = staff.find(customer.ownerId()).filter(SalesStaff::active);
            if (owner.isPresent()) {
                return new Assignment(owner.get().userId(), routing, List.of(),
                        "客户负责人 the customer's owner since " + customer.ownedSince() + " (一客一主 one customer, one owner)");
            }
            notes.add("客户负责人 " + customer.ownerId() + " 已停用 owner is no longer active");
        }
        Optional<String> holder = leads.openLeadHolder(customer.id(), lead.id());
        if (holder.isPresent()) {
            Optional<SalesStaff> rep = staff.find(holder.get()).filter(SalesStaff::active);
            if (rep.isPresent()) {
                return new Assignment(rep.get().userId(), routing, List.of(),
                        "该客户已有跟进中的线索 already follows an open lead of this customer (一客一主 one customer, one owner)");
            }
        }

        LocalDate today = clock.today();
        Set<String> preferred = new LinkedHashSet<>(routing.preferredReps());
        // the preferred reps, wherever they sit, with their trips of the day
        List<StaffRepository.Workload> named = staff.named(preferred);
        Map<String, Trip> namedTrips = staff.onTrip(named.stream().map(StaffRepository.Workload::userId).toList(), today);
        Map<String, Assignment.Candidate> byId = new LinkedHashMap<>();
        for (StaffRepository.Workload w : named) {
            byId.put(w.userId(), candidate(w, true, namedTrips.get(w.userId()), max));
        }
        for (String name : preferred) {
            if (!byId.containsKey(name)) {
                notes.add("优先销售 " + name + " 不在在职销售名单 is not an active rep");
            }
        }
        // the team: its best-ranked eligible reps, then who was skipped and why (each list cut at SHOWN)
        boolean more = false;
        if (routing.team() != null) {
            List<StaffRepository.Workload> ranked = staff.ranked(routing.team(), max, today, SHOWN);
            List<StaffRepository.Workload> travelling = staff.travelling(routing.team(), today, SHOWN);
            List<StaffRepository.Workload> overloaded = staff.overloaded(routing.team(), max, today, SHOWN);
            more = ranked.size() == SHOWN || travelling.size() == SHOWN || overloaded.size() == SHOWN;
            for (StaffRepository.Workload w : ranked) {
                byId.putIfAbsent(w.userId(), candidate(w, false, null, max));
            }
            for (StaffRepository.Workload w : travelling) {
                byId.putIfAbsent(w.userId(), candidate(w, false, w.trip(), max));
            }
            for (StaffRepository.Workload w : overloaded) {
                byId.putIfAbsent(w.userId(), candidate(w, false, null, max));
            }
        }
        List<Assignment.Candidate> candidates = new ArrayList<>(byId.values());
        // preferred reps first, then the eligible by rank, then the skipped
        candidates.sort(Comparator.comparing((Assignment.Candidate c) -> !c.preferred())
                .thenComparing(c -> !c.eligible())
                .thenComparing(RANKING));

        String prefix = notes.isEmpty() ? "" : String.join("; ", notes) + "; ";
        List<Assignment.Candidate> eligiblePreferred = candidates.stream().filter(c -> c.preferred() && c.eligible())
                .sorted(RANKING).toList();
        if (!eligiblePreferred.isEmpty()) {
            return new Assignment(eligiblePreferred.get(0).userId(), routing, candidates, more,
                    prefix + "优先销售 preferred rep; " + decisive(eligiblePreferred, "优先销售中唯一可分配 the only eligible preferred rep"));
        }
        List<Assignment.Candidate> eligibleTeam = candidates.stream().filter(Assignment.Candidate::eligible).sorted(RANKING).toList();
        if (!eligibleTeam.isEmpty()) {
            return new Assignment(eligibleTeam.get(0).userId(), routing, candidates, more, prefix
                    + (preferred.isEmpty() ? "" : "优先销售均不可用 no preferred rep eligible; ")
                    + "团队 team " + routing.team() + "; " + decisive(eligibleTeam, "唯一可分配 the only eligible rep"));
        }
        return new Assignment(null, routing, candidates, more,
                prefix + "没有可分配的销售 no eligible rep: 交销售主管分配 a sales manager assigns");
    }

    private static Assignment.Candidate candidate(StaffRepository.Workload w, boolean preferred, Trip trip, int max) {
        String skip = null;
        if (trip != null) {
            skip = "出差 on a business trip " + trip.startDate() + " – " + trip.endDate();
        } else if (w.openLeads() > max) {
            skip = "待跟进线索 " + w.openLeads() + " > " + max + " more than " + max + " open leads";
        }
        return new Assignment.Candidate(w.userId(), w.displayName(), preferred, w.openLeads(), w.recentDeals(), w.lastAssignedAt(), skip);
    }

    /** Names the criterion that put the first candidate ahead of the second. */
    private static String decisive(List<Assignment.Candidate> ranked, String onlyOne) {
        Assignment.Candidate first = ranked.get(0);
        if (ranked.size() == 1) {
            return onlyOne;
        }
        Assignment.Candidate second = ranked.get(1);
        if (first.openLeads() != second.openLeads()) {
            return "待跟进最少 fewest open leads (" + first.openLeads() + " vs " + second.openLeads() + ")";
        }
        if (first.recentDeals() != second.recentDeals()) {
            return "7日签约最多 most deals signed in the last 7 days (" + first.recentDeals() + " vs " + second.recentDeals() + ")";
        }
        if (first.lastAssignedAt() == null ? second.lastAssignedAt() != null : !first.lastAssignedAt().equals(second.lastAssignedAt())) {
            return "最久未分配 least recently assigned (" + (first.lastAssignedAt() == null ? "never" : first.lastAssignedAt()) + ")";
        }
        return "并列，按账号 tie, by user id";
    }

    /** A sales manager's choice in the "Assign lead" task; the rep must be an active rep. */
    @Transactional
    public String assignManually(String leadId, String repId, String managerId) {
        if (repId == null || repId.isBlank()) {
            throw new InvalidInputException("assignee", "required", "请填写销售账号 enter the rep's user id");
        }
        String id = repId.strip();
        SalesStaff rep = staff.find(id).filter(s -> s.active() && SalesStaff.REP.equals(s.role()))
                .orElseThrow(() -> new InvalidInputException("assignee", "active-rep",
                        "'" + id + "' 不是在职销售 is not an active sales rep"));
        Lead lead = leads.find(leadId).orElseThrow(() -> new IllegalStateException("lead " + leadId + " does not exist"));
        LeadRepository.Holding before = leads.lockHolding(leadId);
        String explanation = (lead.routingExplanation() == null ? "" : lead.routingExplanation() + "\n")
                + "人工分配 Manually assigned by " + (managerId == null ? "a sales manager" : managerId) + " to " + rep.userId();
        Instant now = clock.now();
        leads.recordRouting(leadId, before, LeadStatus.ASSIGNED, rep.userId(), now, lead.routingRule(), explanation);
        staff.leadMoved(before, LeadStatus.ASSIGNED, rep.userId(), now);
        return explanation;
    }
}
