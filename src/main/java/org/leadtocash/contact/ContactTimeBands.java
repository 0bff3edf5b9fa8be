package org.leadtocash.contact;

import java.math.BigDecimal;
import java.util.function.Function;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * The 65 % / 50 % lines of the contact-time share as the owner draws them in {@code bpmn/contact-time-band.dmn}
 * (decision {@value #DECISION}): HEALTHY, WATCH or WARNING. The latest deployed version is parsed once per report and
 * evaluated by a stand-alone DMN engine: the process engine's own would write decision history on every report read.
 */
@Component
class ContactTimeBands {
    static final String DECISION = "contactTimeBand";
    static final String INPUT = "contactTimeShare";
    static final String OUTPUT = "band";

    private final ProcessEngineConfigurationImpl configuration;
    private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    ContactTimeBands(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    /** A band function over the decision deployed now; null share → null band. */
    Function<BigDecimal, String> current() {
        DmnModelInstance model = configuration.getCommandExecutorTxRequired().execute(context -> {
            var cache = context.getProcessEngineConfiguration().getDeploymentCache();
            return cache.findDmnModelInstanceForDecisionDefinition(cache.findDeployedLatestDecisionDefinitionByKey(DECISION).getId());
        });
        DmnDecision decision = dmn.parseDecision(DECISION, model);
        return share -> {
            if (share == null) {
                return null;
            }
            var result = dmn.evaluateDecisionTable(decision, Variables.createVariables().putValue(INPUT, share.doubleValue()));
            if (result.size() != 1 || !(result.getSingleResult().getEntry(OUTPUT) instanceof String band)) {
                throw new IllegalStateException("decision " + DECISION + " gave " + result.size() + " results for " + INPUT + " = "
                        + share + "; it must give exactly one " + OUTPUT);
            }
            return band;
        };
    }
}
