package org.leadtocash.system.deploy;

import static org.leadtocash.system.deploy.DeploymentRules.BPMN;
import static org.leadtocash.system.deploy.DeploymentRules.CAMUNDA;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.leadtocash.system.deploy.DeploymentRules.Catalog;
import org.leadtocash.system.deploy.DeploymentRules.Refusal;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Refuses an expression that reads a variable nothing provides — a typo such as {@code ${contractTotl > 1000000}} would
 * otherwise deploy and fail as an incident when the token reaches it. A process's variables are:
 * <ul>
 * <li>those the application's code provides to it ({@link org.leadtocash.shared.AppVariables}, by process key);</li>
 * <li>the field keys of the forms its elements use (in this deployment or, for a form bound to the latest version,
 * deployed) and {@code camunda:formField} ids;</li>
 * <li>result, output and error variables of its elements ({@code camunda:resultVariable} — DMN results included —
 * {@code camunda:outputParameter}, {@code camunda:out target}, {@code camunda:initiator}, error/escalation variables), and
 * the {@code camunda:in target}s a caller in the same deployment passes;</li>
 * <li>inside one element only: its input parameters, and for a multi-instance element its element variable and loop
 * counters.</li>
 * </ul>
 * Outputs count anywhere in the process, not only on earlier elements. A process using a form whose fields cannot be read
 * (an embedded HTML {@code formKey}, a form reference by expression) or taking all variables of a call is not checked. A
 * DMN input that is a plain name is checked against the decisions it requires, the application's inputs for that
 * decision and the variables of each process in the deployment that calls it; a decision nobody calls is not checked.
 */
final class VariableRules {
    private static final Set<String> LOOP_VARIABLES = Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances",
            "nrOfCompletedInstances");
    private static final Set<String> FEEL_WORDS = Set.of("true", "false", "null", "not", "and", "or", "date", "time");
    private static final Pattern FEEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final Map<String, Document> bpmn;
    private final Map<String, Set<String>> formFieldsById;
    private final Map<String, Set<String>> formFieldsByResource;
    private final Catalog catalog;
    /** process id → the variables that process knows (null: cannot be known, not checked) */
    private final Map<String, Set<String>> known = new HashMap<>();
    /** called process id → the camunda:in targets its callers in this deployment pass (null: all of theirs) */
    private final Map<String, Set<String>> passedIn = new HashMap<>();

    private VariableRules(Map<String, Document> bpmn, Map<String, Set<String>> formFieldsById,
            Map<String, Set<String>> formFieldsByResource, Catalog catalog) {
        this.bpmn = bpmn;
        this.formFieldsById = formFieldsById;
        this.formFieldsByResource = formFieldsByResource;
        this.catalog = catalog;
    }

    /** Adds a refusal for every unknown variable in the deployment's diagrams and decisions. */
    static void check(Map<String, Document> bpmn, Map<String, Document> dmn, Map<String, Set<String>> formFieldsById,
            Map<String, Set<String>> formFieldsByResource, Catalog catalog, List<Refusal> out) {
        VariableRules rules = new VariableRules(bpmn, formFieldsById, formFieldsByResource, catalog);
        rules.collectCalls();
        Map<String, Element> processes = new LinkedHashMap<>();
        Map<String, String> resourceOf = new HashMap<>();
        bpmn.forEach((name, doc) -> {
            for (Element e : DeploymentRules.elements(doc.getDocumentElement())) {
                if (isBpmn(e, "process")) {
                    processes.put(e.getAttribute("id"), e);
                    resourceOf.put(e.getAttribute("id"), name);
                }
            }
        });
        processes.forEach((id, process) -> rules.known.put(id, rules.knownIn(process)));
        processes.forEach((id, process) -> rules.checkProcess(resourceOf.get(id), process, out));
        dmn.forEach((name, doc) -> rules.checkDecisions(name, doc, processes, out));
    }

    /** Form field keys of a Camunda Form (form-js JSON): every component's key and path, nested ones included. */
    static Set<String> formFields(JsonNode form) {
        Set<String> out = new HashSet<>();
        for (JsonNode c : form.path("components")) {
            for (String attribute : List.of("key", "path")) {
                if (c.path(attribute).isTextual() && !c.path(attribute).asText().isBlank()) {
                    out.add(c.path(attribute).asText().strip().split("\\.", 2)[0]);
                }
            }
            out.addAll(formFields(c));
        }
        return out;
    }

    private void collectCalls() {
        for (Document doc : bpmn.values()) {
            for (Element call : DeploymentRules.elements(doc.getDocumentElement())) {
                if (!isBpmn(call, "callActivity") || call.getAttribute("calledElement").isBlank()) {
                    continue;
                }
                String called = call.getAttribute("calledElement").strip();
                Set<String> targets = passedIn.computeIfAbsent(called, k -> new HashSet<>());
                for (Element in : DeploymentRules.elements(call)) {
                    if (isCamunda(in, "in") && targets != null) {
                        if (in.getAttribute("variables").equals("all")) {
                            passedIn.put(called, null);
                            targets = null;
                        } else if (in.hasAttribute("target")) {
                            targets.add(in.getAttribute("target").strip());
                        }
                    }
                }
            }
        }
    }

    /** The variables a process knows, or null when they cannot be known. */
    private Set<String> knownIn(Element process) {
        String id = process.getAttribute("id");
        Set<String> vars = new HashSet<>(catalog.appVariables(id));
        if (passedIn.containsKey(id)) {
            if (passedIn.get(id) == null) {
                return null;
            }
            vars.addAll(passedIn.get(id));
        }
        for (Element e : DeploymentRules.elements(process)) {
            for (String attribute : List.of("initiator", "resultVariable", "errorCodeVariable", "errorMessageVariable",
                    "escalationCodeVariable")) {
                String value = e.getAttributeNS(CAMUNDA, attribute).strip();
                if (!value.isEmpty()) {
                    vars.add(value);
                }
            }
            if (isCamunda(e, "outputParameter")) {
                vars.add(e.getAttribute("name").strip());
            } else if (isCamunda(e, "out")) {
                if (e.getAttribute("variables").equals("all")) {
                    return null;
                }
                vars.add(e.getAttribute("target").strip());
            } else if (isCamunda(e, "formField")) {
                vars.add(e.getAttribute("id").strip());
            }
            String formRef = e.getAttributeNS(CAMUNDA, "formRef").strip();
            if (formRef.contains("{")) {
                return null;
            } else if (!formRef.isEmpty()) {
                Set<String> fields = formFieldsById.get(formRef);
                vars.addAll(fields != null ? fields : catalog.deployedFormFields(formRef));
            }
            String formKey = e.getAttributeNS(CAMUNDA, "formKey").strip();
            if (!formKey.isEmpty()) {
                String resource = formKey.startsWith("camunda-forms:deployment:") ? formKey.substring(25) : null;
                if (resource == null || !formFieldsByResource.containsKey(resource)) {
                    return null;
                }
                vars.addAll(formFieldsByResource.get(resource));
            }
        }
        return vars;
    }

    private void checkProcess(String resource, Element process, List<Refusal> out) {
        Set<String> vars = known.get(process.getAttribute("id"));
        if (vars == null) {
            return;
        }
        for (Element e : DeploymentRules.elements(process)) {
            String local = e.getLocalName();
            if (local.equals("documentation") || local.equals("text") && BPMN.equals(e.getNamespaceURI())) {
                continue;
            }
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr a = (Attr) attributes.item(i);
                String name = a.getLocalName() == null ? a.getName() : a.getLocalName();
                if (!(CAMUNDA.equals(a.getNamespaceURI()) && name.equals("delegateExpression"))) {
                    checkText(resource, e, name, a.getValue(), vars, out);
                }
            }
            for (Node child = e.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    checkText(resource, e, local, child.getNodeValue(), vars, out);
                }
            }
        }
    }

    private void checkText(String resource, Element e, String field, String text, Set<String> vars, List<Refusal> out) {
        Set<String> locals = null;
        for (String expression : ExpressionAllowList.expressions(text)) {
            for (String variable : ExpressionAllowList.variables(expression, catalog::isBean)) {
                if (vars.contains(variable)) {
                    continue;
                }
                if (locals == null) {
                    locals = locals(e);
                }
                if (!locals.contains(variable)) {
                    out.add(new Refusal(resource, DeploymentRules.owner(e), what(e, field) + "使用了未知变量 unknown variable '"
                            + variable + "' in " + field + " " + expression + ": no form field, variable of the application,"
                            + " result or output variable of process " + ancestorProcess(e) + " provides it"));
                }
            }
        }
    }

    /** Input parameters and multi-instance variables of the element and the elements around it. */
    private static Set<String> locals(Element e) {
        Set<String> out = new HashSet<>();
        for (Node n = e; n instanceof Element el && !isBpmn(el, "process"); n = n.getParentNode()) {
            for (Node c = el.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element child && isBpmn(child, "multiInstanceLoopCharacteristics")) {
                    out.addAll(LOOP_VARIABLES);
                    String variable = child.getAttributeNS(CAMUNDA, "elementVariable").strip();
                    if (!variable.isEmpty()) {
                        out.add(variable);
                    }
                } else if (c instanceof Element child && isBpmn(child, "extensionElements")) {
                    for (Element p : DeploymentRules.elements(child)) {
                        if (isCamunda(p, "inputParameter") && p.getParentNode().getParentNode() == child) {
                            out.add(p.getAttribute("name").strip());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String what(Element e, String field) {
        String local = e.getLocalName();
        if (local.equals("conditionExpression") || local.equals("condition") || field.equals("completionCondition")) {
            return "条件";
        } else if (local.startsWith("time")) {
            return "定时器";
        } else if (local.equals("inputParameter") || local.equals("outputParameter") || local.equals("entry")
                || local.equals("value") || local.equals("list")) {
            return "参数";
        } else if (field.equals("assignee") || field.startsWith("candidate")) {
            return "办理人";
        }
        return "表达式";
    }

    private static String ancestorProcess(Element e) {
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            if (isBpmn(el, "process")) {
                return el.getAttribute("id");
            }
        }
        return "?";
    }

    private void checkDecisions(String resource, Document doc, Map<String, Element> processes, List<Refusal> out) {
        Map<String, Element> decisions = new LinkedHashMap<>();
        for (Element e : DeploymentRules.elements(doc.getDocumentElement())) {
            if (e.getLocalName().equals("decision") && e.hasAttribute("id")) {
                decisions.put(e.getAttribute("id"), e);
            }
        }
        decisions.forEach((id, decision) -> {
            Set<String> vars = decisionVariables(id, decisions, processes);
            if (vars == null) {
                return;
            }
            for (Element input : DeploymentRules.elements(decision)) {
                if (!input.getLocalName().equals("inputExpression") || !owned(input, decision)) {
                    continue;
                }
                String text = input.getTextContent() == null ? "" : input.getTextContent().strip();
                if (!FEEL_NAME.matcher(text).matches() || FEEL_WORDS.contains(text)) {
                    continue;
                }
                String variable = text.split("\\.", 2)[0];
                if (!vars.contains(variable)) {
                    out.add(new Refusal(resource, (input.hasAttribute("id") ? input.getAttribute("id") + " in " : "") + "decision " + id,
                            "输入表达式使用了未知变量 unknown variable '" + variable + "' in input expression " + text
                                    + ": neither a required decision's output, an input the application gives, nor a variable of"
                                    + " the process that calls decision " + id));
                }
            }
        });
    }

    /** The variables a decision's inputs may read, or null when nothing says (nobody in sight calls it). */
    private Set<String> decisionVariables(String id, Map<String, Element> decisions, Map<String, Element> processes) {
        Set<String> vars = new HashSet<>(catalog.appVariables(id));
        boolean source = !vars.isEmpty();
        for (Element process : processes.values()) {
            for (Element task : DeploymentRules.elements(process)) {
                if (id.equals(task.getAttributeNS(CAMUNDA, "decisionRef").strip())) {
                    Set<String> callerVars = known.get(process.getAttribute("id"));
                    if (callerVars == null) {
                        return null;
                    }
                    vars.addAll(callerVars);
                    vars.addAll(locals(task));
                    source = true;
                }
            }
        }
        if (!source) {
            return null;
        }
        addRequiredOutputs(id, decisions, vars, new HashSet<>());
        return vars;
    }

    private static void addRequiredOutputs(String id, Map<String, Element> decisions, Set<String> vars, Set<String> seen) {
        Element decision = decisions.get(id);
        if (decision == null || !seen.add(id)) {
            return;
        }
        for (Element e : DeploymentRules.elements(decision)) {
            if (e.getLocalName().equals("requiredDecision") && e.getAttribute("href").startsWith("#")) {
                String required = e.getAttribute("href").substring(1);
                Element r = decisions.get(required);
                if (r != null) {
                    for (Element o : DeploymentRules.elements(r)) {
                        if (o.getLocalName().equals("output") && o.hasAttribute("name")) {
                            vars.add(o.getAttribute("name"));
                        } else if (o.getLocalName().equals("variable") && o.hasAttribute("name")) {
                            vars.add(o.getAttribute("name"));
                        }
                    }
                    vars.add(required);
                    addRequiredOutputs(required, decisions, vars, seen);
                }
            }
        }
    }

    private static boolean owned(Element e, Element decision) {
        for (Node n = e.getParentNode(); n instanceof Element el; n = n.getParentNode()) {
            if (el.getLocalName().equals("decision")) {
                return el == decision;
            }
        }
        return false;
    }

    private static boolean isBpmn(Element e, String local) {
        return BPMN.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }

    private static boolean isCamunda(Element e, String local) {
        return CAMUNDA.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }
}
