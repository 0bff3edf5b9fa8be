package org.leadtocash.system.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a release's models so that an owner's newer deployment is never superseded by surprise. Replaces the Spring
 * Boot starter's auto-deployment, which redeployed every file as one deployment whenever any of them changed.
 * <ul>
 * <li>One deployment per group ({@link ModelFile#groups}: a diagram with its forms and DMN files), named after the
 * diagram, source {@value #SOURCE}, with a manifest of the release's file hashes ({@value #MANIFEST}).</li>
 * <li>A group whose files did not change since the app's last deployment of it is not deployed again.</li>
 * <li>In a group that changed, a file the release did not change keeps the version an owner deployed after the app's
 * last deployment (the owner's bytes go into the new deployment); a file the release did change replaces the owner's
 * version, and that is logged as a WARN naming the owner's deployment.</li>
 * </ul>
 */
final class ReleaseDeployer {
    static final String SOURCE = "leadtocash-release";
    static final String MANIFEST = "leadtocash-release.properties";
    /** The name of the starter's deployment before this deployer: the app's own, not an owner's. */
    static final String LEGACY_NAME = "SpringAutoDeployment";
    private static final Logger log = LoggerFactory.getLogger(ReleaseDeployer.class);

    private final ProcessEngine engine;
    private final RepositoryService repository;

    ReleaseDeployer(ProcessEngine engine) {
        this.engine = engine;
        this.repository = engine.getRepositoryService();
    }

    /** What one release deployment did to one group. */
    record Outcome(String group, Deployment deployment, List<String> keptOwnerVersions, List<String> overriddenOwnerVersions) {
    }

    /** Deploys every group of these files that changed since the app's last deployment of it; returns what was deployed. */
    List<Outcome> deploy(List<ModelFile> files) {
        List<Outcome> out = new ArrayList<>();
        ModelFile.groups(files).forEach((group, members) -> {
            Outcome outcome = deployGroup(group, members);
            if (outcome != null) {
                out.add(outcome);
            }
        });
        return out;
    }

    private Outcome deployGroup(String group, List<ModelFile> members) {
        Deployment last = repository.createDeploymentQuery().deploymentName(group).deploymentSource(SOURCE)
                .orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
        Properties manifest = last == null ? new Properties() : manifest(last);
        List<ModelFile> changed = members.stream().filter(f -> !f.sha256().equals(manifest.getProperty(f.name()))).toList();
        if (changed.isEmpty()) {
            log.debug("Release: {} unchanged since deployment {}", group, last.getId());
            return null;
        }
        DeploymentBuilder builder = repository.createDeployment().name(group).source(SOURCE).enableDuplicateFiltering(false);
        Properties hashes = new Properties();
        List<String> kept = new ArrayList<>();
        List<String> overridden = new ArrayList<>();
        for (ModelFile f : members) {
            hashes.setProperty(f.name(), f.sha256());
            Latest owner = ownerVersionNewerThanRelease(f, last);
            byte[] bytes = f.bytes();
            if (owner != null && !changed.contains(f)) {
                bytes = owner.bytes();
                kept.add(f.name());
                log.info("Release: {} keeps {} as deployed by a process owner in deployment {} ('{}', source '{}', {}):"
                        + " the release did not change this file", group, f.name(), owner.deployment().getId(),
                        owner.deployment().getName(), owner.deployment().getSource(), owner.deployment().getDeploymentTime());
            } else if (owner != null) {
                overridden.add(f.name());
                log.warn("Release OVERRIDES a process owner's deployment: {} replaces {} version {} deployed by an owner in"
                        + " deployment {} ('{}', source '{}', {}). Re-apply the owner's change in Modeler and deploy it again"
                        + " if it is still wanted (docs/owner-guide.md).", f.name(), f.key(), owner.version(),
                        owner.deployment().getId(), owner.deployment().getName(), owner.deployment().getSource(),
                        owner.deployment().getDeploymentTime());
            }
            builder.addInputStream(f.name(), new ByteArrayInputStream(bytes));
        }
        builder.addString(MANIFEST, text(hashes));
        Deployment deployment = builder.deploy();
        log.info("Release: deployed {} as {} ({} changed: {})", group, deployment.getId(), changed.size(),
                changed.stream().map(ModelFile::name).toList());
        return new Outcome(group, deployment, kept, overridden);
    }

    /** The latest deployed version of a file's key with its deployment. */
    private record Latest(Deployment deployment, int version, byte[] bytes) {
    }

    /**
     * The latest deployed version of the file's key when an owner deployed it after the app's last deployment of the
     * group; null when the latest is the app's own (or nothing is deployed).
     */
    private Latest ownerVersionNewerThanRelease(ModelFile f, Deployment lastRelease) {
        ResourceDefinition latest = latest(f, null);
        if (latest == null) {
            return null;
        }
        Deployment deployment = repository.createDeploymentQuery().deploymentId(latest.getDeploymentId()).singleResult();
        if (SOURCE.equals(deployment.getSource()) || LEGACY_NAME.equals(deployment.getName())) {
            return null;
        }
        if (lastRelease != null) {
            ResourceDefinition released = latest(f, lastRelease.getId());
            if (released != null && released.getVersion() >= latest.getVersion()) {
                return null;
            }
        }
        // no release deployment of this group yet (first start after the starter's auto-deployment): an owner's version
        // that is the latest is kept unless the release changed the file, as for any later release
        try (InputStream in = repository.getResourceAsStream(deployment.getId(), latest.getResourceName())) {
            return new Latest(deployment, latest.getVersion(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The latest definition of the file's key, in the given deployment or (null) anywhere. */
    private ResourceDefinition latest(ModelFile f, String deploymentId) {
        return switch (f.kind()) {
            case BPMN -> {
                var q = repository.createProcessDefinitionQuery().processDefinitionKey(f.key());
                yield deploymentId == null ? q.latestVersion().singleResult() : q.deploymentId(deploymentId).singleResult();
            }
            case DMN -> {
                var q = repository.createDecisionDefinitionQuery().decisionDefinitionKey(f.key());
                yield deploymentId == null ? q.latestVersion().singleResult() : q.deploymentId(deploymentId).singleResult();
            }
            case FORM -> ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                    .execute(context -> {
                        var forms = context.getCamundaFormDefinitionManager();
                        CamundaFormDefinitionEntity form = deploymentId == null ? forms.findLatestDefinitionByKey(f.key())
                                : forms.findDefinitionByDeploymentAndKey(deploymentId, f.key());
                        return form == null ? null : new FormVersion(form.getDeploymentId(), form.getVersion(), form.getResourceName());
                    });
        };
    }

    /** A form definition's place, read inside a command (its entity is not a public type). */
    private record FormVersion(String deploymentId, int version, String resourceName) implements ResourceDefinition {
        @Override
        public String getId() {
            return null;
        }

        @Override
        public String getKey() {
            return null;
        }

        @Override
        public String getCategory() {
            return null;
        }

        @Override
        public String getName() {
            return null;
        }

        @Override
        public int getVersion() {
            return version;
        }

        @Override
        public String getResourceName() {
            return resourceName;
        }

        @Override
        public String getDeploymentId() {
            return deploymentId;
        }

        @Override
        public String getDiagramResourceName() {
            return null;
        }

        @Override
        public String getTenantId() {
            return null;
        }

        @Override
        public Integer getHistoryTimeToLive() {
            return null;
        }
    }

    private Properties manifest(Deployment deployment) {
        Properties p = new Properties();
        try (InputStream in = repository.getResourceAsStream(deployment.getId(), MANIFEST)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.warn("Release deployment {} has no readable {}: every file of {} counts as changed", deployment.getId(),
                    MANIFEST, deployment.getName());
        }
        return p;
    }

    private static String text(Properties p) {
        StringBuilder sb = new StringBuilder("# the release's own file hashes (SHA-256) in this deployment\n");
        new TreeMap<>(p).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

}
