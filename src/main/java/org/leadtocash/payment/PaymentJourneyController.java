package org.leadtocash.payment;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payment journeys over REST (HTTP Basic). A rep sees only his own journeys (others answer 404); managers, directors,
 * admins and finance see all and may narrow to one rep with {@code ?repId=}. Only finance (and admins) start journeys.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class PaymentJourneyController {
    private final PaymentJourneys journeys;
    private final StuckPayments stuckPayments;
    private final PaymentKpi kpi;
    private final CurrentUser currentUser;

    public PaymentJourneyController(PaymentJourneys journeys, StuckPayments stuckPayments, PaymentKpi kpi,
                                    CurrentUser currentUser) {
        this.journeys = journeys;
        this.stuckPayments = stuckPayments;
        this.kpi = kpi;
        this.currentUser = currentUser;
    }

    /** Finance starts the journey of an invoice raised elsewhere: 201 when started, 200 when it existed already. */
    @PostMapping(path = "/payment-journeys", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PaymentJourney> start(@RequestBody JourneyStart start) {
        currentUser.requireAnyGroup(Groups.FINANCE, Groups.ADMIN);
        PaymentJourneys.Started started = journeys.start(start, currentUser.id());
        PaymentJourney journey = started.journey();
        return started.created()
                ? ResponseEntity.created(URI.create("/api/payment-journeys/" + journey.id())).body(journey)
                : ResponseEntity.ok(journey);
    }

    @GetMapping("/payment-journeys")
    public List<PaymentJourney> list(@RequestParam(required = false) String status,
                                     @RequestParam(required = false) String repId,
                                     @RequestParam(defaultValue = "100") int limit) {
        return journeys.list(scope(repId), status, limit);
    }

    /** what is stuck, most overdue first. */
    @GetMapping("/payment-journeys/stuck")
    public List<StuckPayments.StuckPayment> stuck(@RequestParam(required = false) String repId) {
        return stuckPayments.stuck(scope(repId));
    }

    @GetMapping("/payment-journeys/{id}")
    public PaymentJourneys.JourneyView journey(@PathVariable String id) {
        return journeys.view(id, seesAll() ? null : currentUser.id());
    }

    /** payment cycle, dwell per node, blocker causes ranked; a rep gets his own figures. */
    @GetMapping("/kpi/payments")
    public PaymentKpi.Report paymentKpi(@RequestParam LocalDate from, @RequestParam LocalDate to,
                                        @RequestParam(required = false) String repId) {
        return kpi.report(from, to, scope(repId));
    }

    private boolean seesAll() {
        return currentUser.seesAllSalesData() || currentUser.isIn(Groups.FINANCE);
    }

    /** The rep whose journeys to show: anyone for those who see all (null = everyone), else the user himself. */
    private String scope(String repId) {
        String wanted = repId == null || repId.isBlank() ? null : repId.strip();
        if (seesAll()) {
            return wanted;
        }
        String me = currentUser.id();
        if (wanted != null && !wanted.equals(me)) {
            throw new AccessDeniedException("a rep sees only his own payment journeys");
        }
        return me;
    }
}
