package org.leadtocash.bench;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** The bare engine's service task: does nothing. */
public class NoOpDelegate implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
        // intentionally empty: the yardstick measures the engine alone
    }
}
