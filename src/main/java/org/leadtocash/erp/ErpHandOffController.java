package org.leadtocash.erp;

import java.util.List;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The U8 hand-off log, for finance, managers, directors and admins: {@code GET /api/erp/handoffs}. Finance reads the
 * exported payloads here (outcome EXPORTED_NOT_SENT) to import them into U8 by hand.
 */
@RestController
@RequestMapping("/api/erp/handoffs")
class ErpHandOffController {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final U8HandOff handOff;
    private final CurrentUser currentUser;

    public ErpHandOffController(U8HandOff handOff, CurrentUser currentUser) {
        this.handOff = handOff;
        this.currentUser = currentUser;
    }

    /** Attempts newest first, each with its exact payload; every parameter optional; {@code limit} 1 to 1000, default 100. */
    @GetMapping
    public List<HandOffEntry> list(@RequestParam(name = "bizId", required = false) String bizId,
                                   @RequestParam(name = "outcome", required = false) AttemptOutcome outcome,
                                   @RequestParam(name = "limit", required = false) Integer limit) {
        currentUser.requireAnyGroup(Groups.FINANCE, Groups.SALES_MANAGER, Groups.REGIONAL_DIRECTOR, Groups.ADMIN);
        int rows = limit == null ? DEFAULT_LIMIT : limit;
        if (rows < 1 || rows > MAX_LIMIT) {
            throw new InvalidInputException("limit", "range", "must be between 1 and " + MAX_LIMIT);
        }
        String biz = bizId == null || bizId.isBlank() ? null : bizId.strip();
        return handOff.attempts(biz, outcome, rows);
    }
}
