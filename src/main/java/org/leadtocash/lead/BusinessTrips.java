package org.leadtocash.lead;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.leadtocash.shared.Groups;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.FormDates;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Business trips (出差状态, R-03): a rep enters his own; managers and directors enter anyone's. */
@Service
class BusinessTrips {
    private final StaffRepository staff;
    private final EngineClock clock;

    public BusinessTrips(StaffRepository staff, EngineClock clock) {
        this.staff = staff;
        this.clock = clock;
    }

    /**
     * @param actor who enters the trip, with his groups
     * @param repId whose trip; blank means the actor's own
     */
    @Transactional
    public Trip add(String actor, Collection<String> actorGroups, String repId, Object start, Object end, Object note) {
        String rep = repId == null || repId.isBlank() ? actor : repId.strip();
        checkMayManage(actor, actorGroups, rep, "tripRepId");
        List<FieldError> errors = new ArrayList<>();
        LocalDate from = date("tripStart", start, clock.zone(), errors);
        LocalDate to = date("tripEnd", end, clock.zone(), errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new FieldError("tripEnd", "not-before-start", "出差结束不能早于开始 must be on or after tripStart"));
        }
        if (to != null && to.isBefore(clock.today())) {
            errors.add(new FieldError("tripEnd", "not-in-past", "出差结束已过 must be today or later"));
        }
        if (from != null && to != null && from.plusDays(366).isBefore(to)) {
            errors.add(new FieldError("tripEnd", "max-length", "a trip lasts at most a year"));
        }
        String n = note == null ? null : note.toString().strip();
        if (n != null && n.length() > 200) {
            errors.add(new FieldError("tripNote", "max-length", "must be at most 200 characters"));
        }
        if (staff.find(rep).filter(s -> SalesStaff.REP.equals(s.role())).isEmpty()) {
            errors.add(new FieldError("tripRepId", "known-rep", "'" + rep + "' 不是销售 is not a sales rep"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id = staff.insertTrip(rep, from, to, n == null || n.isEmpty() ? null : n, actor, clock.now());
        return new Trip(id, rep, from, to, n, actor);
    }

    public List<Trip> list(String actor, Collection<String> actorGroups, String repId) {
        checkMayManage(actor, actorGroups, repId, "repId");
        return staff.trips(repId);
    }

    @Transactional
    public void delete(String actor, Collection<String> actorGroups, String repId, long tripId) {
        checkMayManage(actor, actorGroups, repId, "repId");
        if (!staff.deleteTrip(repId, tripId)) {
            throw new NotFoundException("trip " + tripId + " of " + repId + " does not exist");
        }
    }

    private static void checkMayManage(String actor, Collection<String> groups, String rep, String field) {
        boolean overseer = Groups.OVERSEERS.stream().anyMatch(groups::contains);
        if (!overseer && !rep.equals(actor)) {
            throw new AccessDeniedException(field + ": 只能登记本人的出差 reps may only manage their own trips");
        }
    }

    private static LocalDate date(String field, Object value, java.time.ZoneId zone, List<FieldError> errors) {
        if (value == null || value.toString().isBlank()) {
            errors.add(new FieldError(field, "required", "is required"));
            return null;
        }
        try {
            return FormDates.parse(value, zone);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "date", "must be a date like 2026-12-01"));
            return null;
        }
    }
}
