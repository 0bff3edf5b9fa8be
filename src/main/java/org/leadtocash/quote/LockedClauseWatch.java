package org.leadtocash.quote;

import java.util.Date;

import org.camunda.bpm.engine.RuntimeService;
import org.leadtocash.quote.LockedClauseEffectiveProcess.Vars;
import org.leadtocash.shared.EngineAsSystem;
import org.leadtocash.shared.EngineClock;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts {@code LockedClauseEffectiveProcess} for every published version of a locked clause type, in the
 * publication's transaction (a refused publication starts nothing). The engine call runs as the system: who may
 * publish is {@link ClauseLibrary}'s rule, and legal needs no grant on the watch process.
 */
@Component
class LockedClauseWatch {
    private final RuntimeService runtimeService;
    private final EngineAsSystem system;
    private final EngineClock clock;

    LockedClauseWatch(@Lazy RuntimeService runtimeService, EngineAsSystem system, EngineClock clock) {
        this.runtimeService = runtimeService;
        this.system = system;
        this.clock = clock;
    }

    @EventListener
    void on(ClauseLibrary.ClauseVersionPublished published) {
        ClauseVersion v = published.version();
        if (!v.locked()) {
            return;
        }
        Date from = Date.from(v.effectiveDate().atStartOfDay(clock.zone()).toInstant());
        system.run(() -> runtimeService.createMessageCorrelation(LockedClauseEffectiveProcess.PUBLISHED_MESSAGE)
                .processInstanceBusinessKey(v.typeCode() + "-v" + v.version())
                .setVariable(Vars.CLAUSE_TYPE, v.typeCode())
                .setVariable(Vars.CLAUSE_VERSION_ID, v.id())
                .setVariable(Vars.CLAUSE_EFFECTIVE_FROM, from)
                .correlateStartMessage());
    }
}
