package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * No model can run a script or evaluate user text: {@code bpmn/*.bpmn} hold no script task, no {@code camunda:script},
 * no script resource, no script-language condition, no {@code camunda:class}; every expression in them is one of the
 * plain shapes (a bean, a variable, {@code !variable}, {@code variable == 'literal'}, {@code bean.method()}), so none
 * hands a variable a user fills in a form to a method or evaluates it; no form field names a bean a delegate
 * expression resolves; the DMN tables use FEEL/JUEL only; the application code never builds an expression or script
 * from a string; and no general-purpose script engine is on the class path for a deployed script to use.
 */
class ModelScriptingTests {
    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final Pattern EXPRESSION = Pattern.compile("[$#]\\{[^}]*}?");
    /** A method argument: a variable (its value is passed, never parsed as an expression) or a plain string literal. */
    static final String ARGUMENT = "(?:[A-Za-z_][A-Za-z0-9_]*|'[^'$#{}()\\\\]*')";
    /**
     * ${bean}, ${variable}, ${!variable}, ${bean.method()}, ${bean.method(variable, 'literal')} (the read-only beans
     * marked ModelFunctions), ${variable == 'literal'}, ${variable != 'literal'}.
     */
    static final Pattern PLAIN = Pattern.compile(
            "^[$#]\\{\\s*(!\\s*)?([A-Za-z_][A-Za-z0-9_]*)(\\.[A-Za-z_][A-Za-z0-9_]*\\(\\s*(?:" + ARGUMENT + "(?:\\s*,\\s*" + ARGUMENT
                    + ")*)?\\s*\\))?\\s*((==|!=|eq|ne)\\s*'[^'$#{}()\\\\]*'\\s*)?}$");
    /** Names of the read-only beans a diagram may pass variables to (classes implementing shared.ModelFunctions). */
    static final Set<String> MODEL_FUNCTIONS = modelFunctionBeans();
    static final Set<String> SCRIPT_ELEMENTS = Set.of("scriptTask", "script");
    static final Set<String> SCRIPT_ATTRIBUTES = Set.of("scriptFormat", "resource", "language", "class", "resultVariableScript");
    static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "datetime", "select", "radio", "checkbox",
            "checklist", "taglist");

    @Test
    void diagramsHoldNoScriptsAndOnlyPlainExpressions() throws Exception {
        Set<String> formFields = userFilledFormFields();
        assertThat(formFields).as("fields users fill in forms/*.form").contains("contactNotes", "companyName", "tripNote", "rejectReason");
        List<Path> diagrams = files("bpmn", ".bpmn");
        assertThat(diagrams).hasSizeGreaterThanOrEqualTo(4);
        List<String> problems = new ArrayList<>();
        int expressions = 0;
        for (Path file : diagrams) {
            Document doc = parse(file);
            for (Element e : elements(doc.getDocumentElement())) {
                String where = file.getFileName() + " " + e.getTagName() + (e.hasAttribute("id") ? "#" + e.getAttribute("id") : "");
                if (SCRIPT_ELEMENTS.contains(e.getLocalName())) {
                    problems.add(where + ": a script element");
                }
                if (e.getLocalName().equals("documentation") || e.getLocalName().equals("text") && BPMN.equals(e.getNamespaceURI())) {
                    continue; // prose for people, never evaluated
                }
                NamedNodeMap attributes = e.getAttributes();
                for (int i = 0; i < attributes.getLength(); i++) {
                    Attr a = (Attr) attributes.item(i);
                    String name = a.getLocalName() == null ? a.getName() : a.getLocalName();
                    boolean camundaAttribute = CAMUNDA.equals(a.getNamespaceURI()) || CAMUNDA.equals(e.getNamespaceURI());
                    if (camundaAttribute && SCRIPT_ATTRIBUTES.contains(name) || name.equals("scriptFormat")
                            || name.equals("language") && !e.getLocalName().equals("definitions")) {
                        problems.add(where + ": attribute " + a.getName() + "=\"" + a.getValue() + "\" (a script or a Java class by name)");
                    }
                    expressions += checkExpressions(where + " @" + a.getName(), a.getValue(), name, formFields, problems);
                }
                for (Node child = e.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                        expressions += checkExpressions(where + " text", child.getNodeValue(), e.getLocalName(), formFields, problems);
                    }
                }
            }
        }
        assertThat(expressions).as("expressions checked").isGreaterThan(50);
        assertThat(problems).as("script or expression risks in bpmn/:\n" + String.join("\n", problems)).isEmpty();
    }

    @Test
    void theCheckCatchesScriptsClassesAndExpressionsThatEvaluateUserText() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> fields = Set.of("contactNotes", "assignee");
        for (String[] bad : new String[][] {
                {"conditionExpression", "${execution.getVariable('contactNotes').length() > 0}"},
                {"conditionExpression", "${contactNotes.contains('x')}"},
                {"delegateExpression", "${contactNotes}"},
                {"expression", "${execution.setVariable('x', 1)}"},
                {"assignee", "${applicationContext.getBean('x')}"},
                {"conditionExpression", "#{T(java.lang.Runtime).getRuntime().exec('x')}"},
                {"conditionExpression", "${a == 'x' || b()}"}}) {
            int before = problems.size();
            checkExpressions("test", bad[1], bad[0], fields, problems);
            assertThat(problems).as(bad[1]).hasSize(before + 1);
        }
        for (String good : List.of("${assignLeadDelegate}", "${contactOutcome == 'REACHED'}", "${!leadAssigned}", "${paymentBreakers.cycle()}",
                "${u8Outcome != 'EXPORTED_NOT_SENT'}", "${assignee}")) {
            checkExpressions("test", good, "conditionExpression", fields, problems);
        }
        assertThat(problems).hasSize(7);
    }

    @Test
    void decisionTablesUseFeelOrJuelOnly() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path file : files("bpmn", ".dmn")) {
            for (Element e : elements(parse(file).getDocumentElement())) {
                String language = e.getAttribute("expressionLanguage").toLowerCase(Locale.ROOT);
                if (!language.isEmpty() && !language.contains("feel") && !language.equals("juel")) {
                    problems.add(file.getFileName() + " " + e.getLocalName() + "#" + e.getAttribute("id") + ": expressionLanguage=" + language);
                }
                for (Node child = e.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child.getNodeType() == Node.TEXT_NODE) {
                        checkExpressions(file.getFileName() + " " + e.getLocalName(), child.getNodeValue(), "dmn", Set.of(), problems);
                    }
                }
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void applicationCodeNeverBuildsAnExpressionOrScriptFromAString() throws IOException {
        assertThat(DMN_FEEL_ENGINE).as("the one exempted file exists").exists();
        List<String> problems = new ArrayList<>();
        Pattern evaluators = Pattern.compile("createExpression\\(|ScriptEngine|SpelExpressionParser|parseExpression\\(|ExpressionFactory|"
                + "ELProcessor|GroovyShell|ScriptingEngines|ScriptFactory|\\.eval\\(|Runtime\\.getRuntime\\(\\)\\.exec|ProcessBuilder");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (source.equals(DMN_FEEL_ENGINE)) {
                    // the DMN engine's own FEEL evaluator (Camunda's, with parses cached): it evaluates the deployed
                    // decision tables' cells, never text from a user (decisionTablesUseFeelOrJuelOnly checks those cells)
                    continue;
                }
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = evaluators.matcher(lines.get(i));
                    if (m.find()) {
                        problems.add(source + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    private static final Path DMN_FEEL_ENGINE = Path.of("src/main/java/org/leadtocash/system/dmn/CachingFeelEngine.java");

    @Test
    void noGeneralPurposeScriptEngineIsOnTheClassPath() {
        // Camunda's own expression languages register as JSR-223 engines; nothing that runs programs (JavaScript,
        // Groovy, Python, Ruby, Kotlin script …) may be there for a deployed script task to use
        List<String> engines = new ScriptEngineManager().getEngineFactories().stream()
                .map(f -> f.getEngineName() + " " + f.getNames()).toList();
        assertThat(new ScriptEngineManager().getEngineFactories()).extracting(ScriptEngineFactory::getEngineName)
                .as("JSR-223 script engines: " + engines).isSubsetOf("juel", "feel-scala", "feel-scala-unary-tests");
        for (String language : List.of("javascript", "js", "graal.js", "nashorn", "groovy", "python", "jython", "ruby", "jruby", "kotlin")) {
            assertThat(new ScriptEngineManager().getEngineByName(language)).as(language).isNull();
        }
    }

    // --- the checks --------------------------------------------------------------------------------------------------

    /** Checks every ${…} / #{…} in the value; returns how many there were. */
    static int checkExpressions(String where, String value, String context, Set<String> formFields, List<String> problems) {
        if (value == null) {
            return 0;
        }
        int count = 0;
        Matcher m = EXPRESSION.matcher(value);
        while (m.find()) {
            count++;
            String expression = m.group();
            Matcher plain = PLAIN.matcher(expression);
            if (!plain.matches()) {
                problems.add(where + ": " + expression + " is not a plain bean, variable or comparison with a literal");
                continue;
            }
            String identifier = plain.group(2);
            boolean methodCall = plain.group(3) != null;
            if (methodCall && !plain.group(3).matches("\\.[A-Za-z_][A-Za-z0-9_]*\\(\\s*\\)") && !MODEL_FUNCTIONS.contains(identifier)) {
                problems.add(where + ": " + expression + " passes arguments to '" + identifier + "', which is not a bean marked ModelFunctions");
                continue;
            }
            if (formFields.contains(identifier) && (methodCall || context.equals("delegateExpression") || context.equals("expression")
                    || context.equals("class"))) {
                problems.add(where + ": " + expression + " lets the form field '" + identifier + "' choose or run code");
            }
        }
        return count;
    }

    static Set<String> modelFunctionBeans() {
        var scanner = new org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new org.springframework.core.type.filter.AssignableTypeFilter(org.leadtocash.shared.ModelFunctions.class));
        Set<String> names = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("org.leadtocash")) {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                org.springframework.stereotype.Component component = type.getAnnotation(org.springframework.stereotype.Component.class);
                names.add(component != null && !component.value().isEmpty() ? component.value()
                        : java.beans.Introspector.decapitalize(type.getSimpleName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    /** Keys of the fields users fill (not read-only, not disabled) in forms/*.form, nested lists included. */
    static Set<String> userFilledFormFields() throws IOException {
        Set<String> keys = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (Path form : files("forms", ".form")) {
            collect(json.readTree(form.toFile()), keys);
        }
        return keys;
    }

    private static void collect(JsonNode node, Set<String> keys) {
        if (node.isObject()) {
            if (INPUT_TYPES.contains(node.path("type").asText()) && node.hasNonNull("key") && !node.path("readonly").asBoolean(false)
                    && !node.path("disabled").asBoolean(false)) {
                keys.add(node.path("key").asText());
            }
            node.elements().forEachRemaining(child -> collect(child, keys));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, keys));
        }
    }

    static List<Path> files(String dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        try (InputStream in = Files.newInputStream(file)) {
            return b.parse(in);
        }
    }

    static List<Element> elements(Element root) {
        List<Element> all = new ArrayList<>();
        NodeList nodes = root.getElementsByTagNameNS("*", "*");
        all.add(root);
        for (int i = 0; i < nodes.getLength(); i++) {
            all.add((Element) nodes.item(i));
        }
        return all;
    }
}
