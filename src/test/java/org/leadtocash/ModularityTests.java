package org.leadtocash;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages are Spring Modulith application modules: {@code lead}, {@code quote}, {@code payment},
 * {@code erp}, {@code notify}, {@code system} and {@code shared}. A module uses another only through the types in that
 * module's top-level package (its API); sub-packages and package-private types are internal, and no two modules depend
 * on each other in a cycle. Cross-feature effects travel as events (e.g. {@code lead.DealSigned}).
 *
 * <p>Also writes the module documentation — a PlantUML component diagram of all modules and one per module, and a
 * canvas per module listing its API, beans, events and configuration — into {@code docs/modules/}.
 */
class ModularityTests {
    static final ApplicationModules MODULES = ApplicationModules.of(LeadToCashApplication.class);

    @Test
    void featuresUseEachOtherOnlyThroughTheirApisAndWithoutCycles() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentationIntoDocs() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
