package org.leadtocash.lead;

import java.net.URI;
import java.util.List;

import org.leadtocash.shared.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Business trips of reps. A rep manages his own; managers and directors anyone's. */
@RestController
@RequestMapping(path = "/api/reps/{repId}/trips", produces = MediaType.APPLICATION_JSON_VALUE)
class TripController {
    private final BusinessTrips trips;
    private final CurrentUser currentUser;

    public TripController(BusinessTrips trips, CurrentUser currentUser) {
        this.trips = trips;
        this.currentUser = currentUser;
    }

    /** Request body; dates as yyyy-MM-dd, both inclusive. */
    public record TripRequest(String tripStart, String tripEnd, String tripNote) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Trip> add(@PathVariable String repId, @RequestBody TripRequest body) {
        Trip trip = trips.add(currentUser.id(), currentUser.groups(), repId, body.tripStart(), body.tripEnd(), body.tripNote());
        return ResponseEntity.created(URI.create("/api/reps/" + repId + "/trips/" + trip.id())).body(trip);
    }

    @GetMapping
    public List<Trip> list(@PathVariable String repId) {
        return trips.list(currentUser.id(), currentUser.groups(), repId);
    }

    @DeleteMapping("/{tripId}")
    public ResponseEntity<Void> delete(@PathVariable String repId, @PathVariable long tripId) {
        trips.delete(currentUser.id(), currentUser.groups(), repId, tripId);
        return ResponseEntity.noContent().build();
    }
}
