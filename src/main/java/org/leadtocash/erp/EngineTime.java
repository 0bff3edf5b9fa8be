package org.leadtocash.erp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.leadtocash.shared.EngineClock;

/** The engine clock as a {@link Clock}, so the hand-off log's timestamps move with the process engine's time. */
final class EngineTime extends Clock {
    private final EngineClock engineClock;
    private final ZoneId zone;

    EngineTime(EngineClock engineClock, ZoneId zone) {
        this.engineClock = engineClock;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new EngineTime(engineClock, newZone);
    }

    @Override
    public Instant instant() {
        return engineClock.now();
    }
}
