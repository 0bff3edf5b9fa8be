package org.leadtocash.system.deploy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Deploys the release's models ({@link ReleaseDeployer}) as soon as the engine is built — where the starter's
 * auto-deployment ran, which is switched off ({@code camunda.bpm.auto-deployment-enabled: false}).
 */
@Component
class ReleaseDeploymentPlugin extends AbstractProcessEnginePlugin {
    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        new ReleaseDeployer(processEngine).deploy(ModelFile.shipped());
    }
}
