package org.leadtocash.shared;

import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls that the payment feature makes on its own behalf (start a journey, correlate a bank receipt)
 * without the caller's Camunda authorization checks, inside the caller's transaction. Who may trigger them is decided
 * by the feature itself (finance only for the API start; statement import and the quote chain are trusted callers), so
 * a finance user needs no UPDATE grant on process instances and the quote chain starts journeys whoever completes its
 * task.
 */
@Component
public class EngineAsSystem {
    private final ProcessEngineConfigurationImpl configuration;

    public EngineAsSystem(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    public <T> T run(Supplier<T> work) {
        return configuration.getCommandExecutorTxRequired().execute(context -> {
            boolean wasEnabled = context.isAuthorizationCheckEnabled();
            context.disableAuthorizationCheck();
            try {
                return work.get();
            } finally {
                if (wasEnabled) {
                    context.enableAuthorizationCheck();
                }
            }
        });
    }
}
