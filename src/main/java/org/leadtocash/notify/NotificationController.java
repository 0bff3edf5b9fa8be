package org.leadtocash.notify;

import java.util.List;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log, for managers, directors, finance and admins: {@code GET /api/notifications}. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {
    private final NotificationService notifications;
    private final CurrentUser currentUser;

    public NotificationController(NotificationService notifications, CurrentUser currentUser) {
        this.notifications = notifications;
        this.currentUser = currentUser;
    }

    /** Deliveries newest first; every parameter is optional; {@code limit} 1 to 1000, default 100. */
    @GetMapping
    public List<Delivery> list(@RequestParam(name = "processInstanceId", required = false) String processInstanceId,
                               @RequestParam(name = "businessKey", required = false) String businessKey,
                               @RequestParam(name = "channel", required = false) Channel channel,
                               @RequestParam(name = "status", required = false) DeliveryStatus status,
                               @RequestParam(name = "limit", required = false) Integer limit) {
        currentUser.requireAnyGroup(Groups.SALES_MANAGER, Groups.REGIONAL_DIRECTOR, Groups.FINANCE, Groups.ADMIN);
        int rows = limit == null ? DeliveryQuery.DEFAULT_LIMIT : limit;
        if (rows < 1 || rows > DeliveryQuery.MAX_LIMIT) {
            throw new InvalidInputException("limit", "range", "must be between 1 and " + DeliveryQuery.MAX_LIMIT);
        }
        return notifications.list(new DeliveryQuery(blankToNull(processInstanceId), blankToNull(businessKey), channel,
                status, rows));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
