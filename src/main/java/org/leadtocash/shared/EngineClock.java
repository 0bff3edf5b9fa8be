package org.leadtocash.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one clock of the application: the process engine's. Timers, SLA deadlines and the app's own
 * timestamps all read it, so moving the engine clock (tests, simulations) moves everything together.
 * Calendar dates are in the sales team's zone ({@code leadtocash.zone}, default Asia/Shanghai).
 */
@Component
public class EngineClock {
    private final ZoneId zone;

    public EngineClock(@Value("${leadtocash.zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
    }

    public Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), zone);
    }

    public ZoneId zone() {
        return zone;
    }
}
