package org.leadtocash.system.dmn;

import java.util.List;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Gives the engine's DMN engine the {@link CachingFeelEngine}. Camunda keeps a FEEL engine factory set on the DMN
 * configuration before the engine builds it (DefaultDmnEngineConfiguration.initFeelEngine), so everything else about
 * decisions stays as configured: history, the legacy-behaviour flag and custom function providers.
 */
@Component
class CachingFeelEnginePlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
        if (dmn == null) {
            dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
            configuration.setDmnEngineConfiguration(dmn);
        }
        if (dmn.getFeelEngineFactory() == null) {
            DefaultDmnEngineConfiguration built = dmn;
            // decided when the DMN engine is built, after every plugin and generic property has had its say
            dmn.setFeelEngineFactory(() -> {
                if (built.isEnableFeelLegacyBehavior()) {
                    return new FeelEngineFactoryImpl().createInstance();
                }
                List<FeelCustomFunctionProvider> providers = built.getFeelCustomFunctionProviders();
                return new CachingFeelEngine(providers == null ? List.of() : providers);
            });
        }
    }
}
