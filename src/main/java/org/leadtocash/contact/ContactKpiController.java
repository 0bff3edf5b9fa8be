package org.leadtocash.contact;

import java.time.LocalDate;
import java.util.List;

import org.leadtocash.lead.PhoneDirectory;
import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contact KPIs (HTTP Basic or the webapps' session): a rep reads his own figures; managers, directors and admins read
 * any rep's, or every active rep's without {@code rep}.
 * <ul>
 * <li>{@code GET /api/kpi/contact-time?from&to[&rep]} — effective contact-time share per day, ISO week and
 * range against the owner's bands (healthy &gt; 65 %, warning &lt; 50 %); working time is Mon–Fri 09:00–12:00 and
 * 13:00–18:00 in the sales team's zone (8 h a day), see {@link ContactTimeKpi}.</li>
 * <li>{@code GET /api/kpi/contact-capture?from&to[&rep]} — share of contact records captured versus typed .</li>
 * </ul>
 */
@RestController
@RequestMapping(path = "/api/kpi", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactKpiController {
    private final ContactTimeKpi contactTime;
    private final ContactCaptureKpi capture;
    private final PhoneDirectory directory;
    private final CurrentUser currentUser;

    ContactKpiController(ContactTimeKpi contactTime, ContactCaptureKpi capture, PhoneDirectory directory, CurrentUser currentUser) {
        this.contactTime = contactTime;
        this.capture = capture;
        this.directory = directory;
        this.currentUser = currentUser;
    }

    @GetMapping("/contact-time")
    ContactTimeKpi.Report contactTime(@RequestParam LocalDate from, @RequestParam LocalDate to,
                                      @RequestParam(required = false) String rep) {
        String only = rep(rep);
        List<String> reps = only != null ? List.of(only) : directory.activeReps();
        return contactTime.report(from, to, reps);
    }

    @GetMapping("/contact-capture")
    ContactCaptureKpi.Report contactCapture(@RequestParam LocalDate from, @RequestParam LocalDate to,
                                            @RequestParam(required = false) String rep) {
        return capture.report(from, to, rep(rep));
    }

    /** The one rep to report, or null for all (overseers only). */
    private String rep(String requested) {
        String wanted = requested == null || requested.isBlank() ? null : requested.strip();
        if (currentUser.seesAllSalesData()) {
            if (wanted != null && wanted.length() > 64) {
                throw new InvalidInputException("rep", "max-length", "must be at most 64 characters");
            }
            return wanted;
        }
        if (wanted != null && !wanted.equals(currentUser.id())) {
            throw new AccessDeniedException("rep: 只能查看本人的数据 a rep sees only his own figures");
        }
        return currentUser.id();
    }
}
