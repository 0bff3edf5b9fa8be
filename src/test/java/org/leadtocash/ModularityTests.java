package org.leadtocash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

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
    void writesTheModuleDocumentationIntoDocs() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path puml : files.filter(p -> p.toString().endsWith(".puml")).toList()) {
                Files.write(puml, inStableOrder(Files.readAllLines(puml)));
            }
        }
    }

    private static final Path DOCS = Path.of("docs", "modules");

    /**
     * The diagrams list components and relations in hash order, so each run would rewrite the committed files
     * differently: runs of consecutive {@code Component(…)} or {@code Rel(…)} lines are sorted.
     */
    static List<String> inStableOrder(List<String> lines) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        String runKind = null;
        for (String line : lines) {
            String kind = line.strip().startsWith("Rel(") ? "Rel(" : line.strip().startsWith("Component(") ? "Component(" : null;
            if (!Objects.equals(kind, runKind)) {
                run.sort(null);
                out.addAll(run);
                run.clear();
                runKind = kind;
            }
            if (kind == null) {
                out.add(line);
            } else {
                run.add(line);
            }
        }
        run.sort(null);
        out.addAll(run);
        return out;
    }
}
