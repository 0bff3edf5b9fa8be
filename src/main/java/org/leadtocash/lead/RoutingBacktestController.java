package org.leadtocash.lead;

import java.io.IOException;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/routing/backtest?days=30}: the changed {@code lead-routing.dmn} as the body (XML) or as the multipart
 * part {@code file}; answers the leads it would route differently ({@link RoutingBacktest}). Regional directors and
 * administrators only — the people who may deploy the table. {@code GET /api/routing/backtest/limits} tells the Cockpit page
 * 路由回测 Routing backtest ({@code app/leadtocash/routing-backtest.js}) its bounds, and whether the user may use it.
 */
@RestController
class RoutingBacktestController {
    private final RoutingBacktest backtest;
    private final CurrentUser currentUser;

    RoutingBacktestController(RoutingBacktest backtest, CurrentUser currentUser) {
        this.backtest = backtest;
        this.currentUser = currentUser;
    }

    /** What the backtest accepts; 403 for anyone who may not backtest (the Cockpit page hides itself then). */
    @GetMapping(path = "/api/routing/backtest/limits", produces = MediaType.APPLICATION_JSON_VALUE)
    Limits limits() {
        currentUser.requireAnyGroup(Groups.REGIONAL_DIRECTOR, Groups.ADMIN);
        return new Limits(RoutingBacktest.MAX_DAYS, RoutingBacktest.MAX_BYTES, RoutingBacktest.MAX_RULES, RoutingBacktest.MAX_LEADS);
    }

    record Limits(int maxDays, int maxBytes, int maxRules, int maxLeads) {
    }

    @PostMapping(path = "/api/routing/backtest", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    RoutingBacktest.Result raw(@RequestBody byte[] dmn, @RequestParam(defaultValue = "30") int days) {
        currentUser.requireAnyGroup(Groups.REGIONAL_DIRECTOR, Groups.ADMIN);
        return backtest.run(dmn, days);
    }

    @PostMapping(path = "/api/routing/backtest", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    RoutingBacktest.Result upload(@RequestPart("file") MultipartFile file, @RequestParam(defaultValue = "30") int days) {
        currentUser.requireAnyGroup(Groups.REGIONAL_DIRECTOR, Groups.ADMIN);
        if (file.getSize() > RoutingBacktest.MAX_BYTES) {
            throw new InvalidInputException("file", "size", "the DMN file is larger than " + RoutingBacktest.MAX_BYTES / 1024 + " KB");
        }
        try {
            return backtest.run(file.getBytes(), days);
        } catch (IOException e) {
            throw new InvalidInputException("file", "readable", "the uploaded file could not be read");
        }
    }
}
