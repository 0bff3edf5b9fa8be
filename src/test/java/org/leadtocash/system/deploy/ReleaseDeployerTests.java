package org.leadtocash.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.ModelerDeploy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The release's own deployment ({@link ReleaseDeployer}) against the same database an owner deployed to: an owner's newer
 * routing table survives an app restart and a release that does not touch it; a release that changes one form redeploys
 * only that process's files; a release that does change an owner's file overrides it with a WARN naming the deployment.
 */
@AppTest
@ExtendWith(OutputCaptureExtension.class)
class ReleaseDeployerTests {
    static final String OWNER_RULE = "Rule_OwnerTradeShowMidSouth";

    @Autowired TestRestTemplate rest;
    @Autowired ProcessEngine engine;
    @Autowired RepositoryService repositoryService;
    @Value("${spring.datasource.url}") String jdbcUrl;
    private final List<String> created = new ArrayList<>();
    private List<String> before;

    @BeforeEach
    void remember() {
        before = repositoryService.createDeploymentQuery().list().stream().map(Deployment::getId).toList();
    }

    @AfterEach
    void removeWhatTheTestDeployed() {
        repositoryService.createDeploymentQuery().list().stream().filter(d -> !before.contains(d.getId()))
                .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
    }

    @Test
    void theAppStartedWithOneReleaseDeploymentPerProcess() {
        List<Deployment> releases = repositoryService.createDeploymentQuery().deploymentSource(ReleaseDeployer.SOURCE).list();
        assertThat(releases).extracting(Deployment::getName).contains("lead-routing", "quote-to-invoice", "payment-journey",
                "business-trip", "clause-publish", "rebate-policy").doesNotHaveDuplicates();
        Deployment leadRouting = releases.stream().filter(d -> d.getName().equals("lead-routing")).findFirst().orElseThrow();
        assertThat(repositoryService.getDeploymentResources(leadRouting.getId())).extracting(Resource::getName)
                .containsExactlyInAnyOrder("lead-routing.bpmn", "lead-routing.dmn", "lead-phone-intake.form", "assign-lead.form",
                        "first-contact.form", ReleaseDeployer.MANIFEST);
        assertThat(repositoryService.createDeploymentQuery().deploymentName(ReleaseDeployer.LEGACY_NAME).count()).isZero();
    }

    @Test
    void ownersNewerRoutingTableSurvivesARestartAndAReleaseThatDoesNotTouchIt() throws Exception {
        String ownerDeployment = deployOwnerRoutingTable();

        // a restart: a new engine on the same database runs the release deployment of the same files
        restartEngine();
        assertThat(latestRoutingDeployment()).isEqualTo(ownerDeployment);

        // a release that changes one quote form
        List<ModelFile> release = withChanged(ModelFile.shipped(), "quote-edit.form", "\"components\": [", "\"components\":  [");
        List<ReleaseDeployer.Outcome> outcomes = new ReleaseDeployer(engine).deploy(release);
        assertThat(outcomes).extracting(ReleaseDeployer.Outcome::group).containsExactly("quote-to-invoice");
        assertThat(latestRoutingDeployment()).isEqualTo(ownerDeployment);
    }

    @Test
    void releaseThatChangesOneFormRedeploysOnlyThatProcessesFiles() throws Exception {
        long deploymentsBefore = repositoryService.createDeploymentQuery().count();
        List<ModelFile> release = withChanged(ModelFile.shipped(), "first-contact.form", "\"components\": [", "\"components\":  [");

        List<ReleaseDeployer.Outcome> outcomes = new ReleaseDeployer(engine).deploy(release);

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.group()).isEqualTo("lead-routing");
            assertThat(repositoryService.getDeploymentResources(o.deployment().getId())).extracting(Resource::getName)
                    .containsExactlyInAnyOrder("lead-routing.bpmn", "lead-routing.dmn", "lead-phone-intake.form",
                            "assign-lead.form", "first-contact.form", ReleaseDeployer.MANIFEST);
        });
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deploymentsBefore + 1);
        // the same release again (a restart) deploys nothing
        assertThat(new ReleaseDeployer(engine).deploy(release)).isEmpty();
    }

    @Test
    void releaseChangingTheDiagramKeepsTheOwnersTableInItsNewDeployment() throws Exception {
        deployOwnerRoutingTable();
        List<ModelFile> release = withChanged(ModelFile.shipped(), "lead-routing.bpmn", "isExecutable=\"true\"",
                "isExecutable=\"true\" ");

        ReleaseDeployer.Outcome outcome = new ReleaseDeployer(engine).deploy(release).get(0);

        assertThat(outcome.keptOwnerVersions()).containsExactly("lead-routing.dmn");
        assertThat(outcome.overriddenOwnerVersions()).isEmpty();
        assertThat(latestRoutingDeployment()).isEqualTo(outcome.deployment().getId());
        assertThat(latestRoutingTable()).contains(OWNER_RULE);
    }

    @Test
    void releaseChangingTheTableAnOwnerChangedOverridesItWithAWarning(CapturedOutput output) throws Exception {
        String ownerDeployment = deployOwnerRoutingTable();
        List<ModelFile> release = withChanged(ModelFile.shipped(), "lead-routing.dmn", "<description>&lt;5万 small</description>",
                "<description>&lt;5万 small budget</description>");

        ReleaseDeployer.Outcome outcome = new ReleaseDeployer(engine).deploy(release).get(0);

        assertThat(outcome.overriddenOwnerVersions()).containsExactly("lead-routing.dmn");
        assertThat(latestRoutingTable()).doesNotContain(OWNER_RULE).contains("small budget");
        assertThat(output.getOut()).containsPattern("WARN .*Release OVERRIDES a process owner's deployment: lead-routing.dmn"
                + " replaces \\w+ version \\d+ deployed by an owner in deployment " + ownerDeployment);
    }

    // --- helpers ---

    /** A regional director adds a routing row in Modeler and deploys the table alone (decisionRef binding: latest). */
    private String deployOwnerRoutingTable() throws Exception {
        byte[] dmn = ModelerDeploy.editText("bpmn/lead-routing.dmn", "<rule id=\"Rule_MidBudgetSouth\">",
                "<rule id=\"" + OWNER_RULE + "\"><description>展会中额华南 owner's row</description>"
                        + "<inputEntry id=\"UnaryTests_O1\"><text>\"TRADE_SHOW_QR\"</text></inputEntry>"
                        + "<inputEntry id=\"UnaryTests_O2\"><text>\"MID\"</text></inputEntry>"
                        + "<inputEntry id=\"UnaryTests_O3\"><text>\"SOUTH\"</text></inputEntry>"
                        + "<outputEntry id=\"LiteralExpression_O1\"><text>\"展会中额华南 Trade show mid, South\"</text></outputEntry>"
                        + "<outputEntry id=\"LiteralExpression_O2\"><text>\"SOUTH\"</text></outputEntry>"
                        + "<outputEntry id=\"LiteralExpression_O3\"><text>\"chenjing\"</text></outputEntry></rule>"
                        + "<rule id=\"Rule_MidBudgetSouth\">");
        ResponseEntity<String> response = ModelerDeploy.deploy(rest, "wanglei", "lead-routing-owner", Map.of("lead-routing.dmn", dmn));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        String id = new ObjectMapper().readTree(response.getBody()).path("id").asText();
        assertThat(latestRoutingDeployment()).isEqualTo(id);
        return id;
    }

    private String latestRoutingDeployment() {
        return latestRouting().getDeploymentId();
    }

    private DecisionDefinition latestRouting() {
        return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(LeadRoutingProcess.DECISION)
                .latestVersion().singleResult();
    }

    private String latestRoutingTable() throws Exception {
        DecisionDefinition d = latestRouting();
        try (InputStream in = repositoryService.getResourceAsStream(d.getDeploymentId(), d.getResourceName())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A new process engine on the same database that deploys the release at build, as the app's start does. */
    private void restartEngine() {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("restart-" + System.nanoTime());
        configuration.setJdbcUrl(jdbcUrl);
        configuration.setJdbcUsername("sa");
        configuration.setJdbcPassword("");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
        configuration.setJobExecutorActivate(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setMetricsEnabled(false);
        ((ProcessEngineConfigurationImpl) configuration).setProcessEnginePlugins(List.of(new ReleaseDeploymentPlugin()));
        ProcessEngine restarted = configuration.buildProcessEngine();
        restarted.close();
    }

    private static List<ModelFile> withChanged(List<ModelFile> files, String name, String find, String replacement) {
        List<ModelFile> out = new ArrayList<>();
        boolean found = false;
        for (ModelFile f : files) {
            if (f.name().equals(name)) {
                String text = new String(f.bytes(), StandardCharsets.UTF_8);
                assertThat(text).as(name).contains(find);
                out.add(ModelFile.of(name, text.replaceFirst(java.util.regex.Pattern.quote(find), replacement)
                        .getBytes(StandardCharsets.UTF_8)));
                found = true;
            } else {
                out.add(f);
            }
        }
        assertThat(found).as(name + " shipped").isTrue();
        return out;
    }
}
