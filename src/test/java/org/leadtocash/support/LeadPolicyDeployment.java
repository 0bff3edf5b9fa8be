package org.leadtocash.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * Deploys the shipped {@code bpmn/lead-policy.dmn} with its first row changed, the way a process owner edits the cells
 * in Modeler and deploys: tests and the cluster fixtures set the capacity or the deal window this way, never by config.
 */
public final class LeadPolicyDeployment {
    private LeadPolicyDeployment() {
    }

    public static Deployment deploy(RepositoryService repositoryService, int maxOpenLeads, int signedDealWindowDays) {
        DmnModelInstance model;
        try (InputStream in = LeadPolicyDeployment.class.getResourceAsStream("/bpmn/lead-policy.dmn")) {
            model = Dmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Rule first = model.getModelElementsByType(Rule.class).iterator().next();
        List<OutputEntry> outputs = new ArrayList<>(first.getOutputEntries());
        outputs.get(0).getText().setTextContent(String.valueOf(maxOpenLeads));
        outputs.get(1).getText().setTextContent(String.valueOf(signedDealWindowDays));
        return repositoryService.createDeployment().name("lead-policy " + maxOpenLeads + "/" + signedDealWindowDays + "d")
                .addModelInstance("lead-policy.dmn", model).deploy();
    }

    /** Back to the shipped table (deployed again as the newest version). */
    public static Deployment restoreShipped(RepositoryService repositoryService) {
        return repositoryService.createDeployment().name("lead-policy shipped")
                .addClasspathResource("bpmn/lead-policy.dmn").deploy();
    }
}
