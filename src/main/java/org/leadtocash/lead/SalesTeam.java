package org.leadtocash.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sales roster (who is a rep or manager, region, mobile) and the facts assignment ranks by that other features
 * write: signed deals (written by the contract chain) and trips.
 */
@Service
public class SalesTeam {
    private final StaffRepository staff;
    private final LeadPolicy policy;
    private final EngineClock clock;

    public SalesTeam(StaffRepository staff, LeadPolicy policy, EngineClock clock) {
        this.staff = staff;
        this.policy = policy;
        this.clock = clock;
    }

    @Transactional
    public void save(SalesStaff member) {
        staff.upsert(member);
    }

    public Optional<SalesStaff> find(String userId) {
        return staff.find(userId);
    }

    public List<SalesStaff> roster() {
        return staff.all();
    }

    public List<Trip> trips(String repId) {
        return staff.trips(repId);
    }

    /** For set-up and migrations; user-entered trips go through {@link BusinessTrips}, which checks who may enter them. */
    @Transactional
    public long addTripUnchecked(String repId, LocalDate start, LocalDate end, String note) {
        return staff.insertTrip(repId, start, end, note, "system", clock.now());
    }

    /** A deal the rep signed; assignment prefers reps who signed more in the deal window ({@link LeadPolicy}). */
    @Transactional
    public void recordSignedDeal(String repId, String customerId, BigDecimal amountCny, String reference, Instant signedAt) {
        staff.recordSignedDeal(repId, customerId, amountCny, reference, signedAt, clock.now().minus(policy.signedDealWindow()));
    }

    /**
     * Recomputes every rep's workload figures (open leads, deals in the window, last assignment) from the leads and
     * deals. The application keeps them in step itself; this is for data loaded or repaired by hand, and for a changed
     * deal window in {@code bpmn/lead-policy.dmn}. Run it while no leads are being routed.
     */
    @Transactional
    public void recountWorkload() {
        staff.recountWorkload(clock.now().minus(policy.signedDealWindow()));
    }
}
