package org.leadtocash.system.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The checks a deployment must pass before the engine accepts it; Camunda itself accepts a diagram whose delegate,
 * form or decision does not exist and fails hours later as an incident. Refused, each naming the file, the element
 * and what is wrong:
 * <ul>
 * <li>a script task, a {@code camunda:script}, a script condition, a {@code camunda:class} (code chosen by the diagram);</li>
 * <li>a delegate expression that names no delegate bean of this application;</li>
 * <li>any expression outside {@link ExpressionAllowList};</li>
 * <li>a {@code formRef} or {@code decisionRef} (or {@code calledElement}) found neither in this deployment nor deployed —
 * with binding {@code deployment}, not in this deployment (a diagram deployed without its forms could not open them);</li>
 * <li>a DMN expression in any language but FEEL;</li>
 * <li>an expression or DMN input reading a variable that nothing provides ({@link VariableRules}).</li>
 * </ul>
 */
final class DeploymentRules {
    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Parts of an element that the model API gives ids but Modeler shows as the element itself. */
    private static final Set<String> INNER = Set.of("extensionElements", "conditionExpression", "timeDate", "timeDuration",
            "timeCycle", "completionCondition", "multiInstanceLoopCharacteristics", "loopCardinality");

    /** What the rules look up outside the deployment: the application's beans and what is already deployed. */
    interface Catalog {
        boolean isBean(String name);

        boolean isAppDelegate(String name);

        boolean formDeployed(String key);

        boolean decisionDeployed(String key);

        boolean processDeployed(String key);

        /** The variables the application's code gives this process or decision (empty when none). */
        Set<String> appVariables(String key);

        /** The field keys of the latest deployed form with this id (empty when there is none). */
        Set<String> deployedFormFields(String key);
    }

    /** One refused thing: the file, the element (id, or null for the whole file) and why. */
    record Refusal(String resource, String elementId, String message) {
        @Override
        public String toString() {
            return resource + (elementId == null ? "" : " " + elementId) + ": " + message;
        }
    }

    private DeploymentRules() {
    }

    /** Every refusal for the resources of one deployment (resource name → content); empty when it may be deployed. */
    static List<Refusal> check(Map<String, byte[]> resources, Catalog catalog) {
        List<Refusal> out = new ArrayList<>();
        Set<String> forms = new HashSet<>();
        Map<String, Set<String>> formFieldsById = new HashMap<>();
        Map<String, Set<String>> formFieldsByResource = new HashMap<>();
        Map<String, Document> dmnDocs = new LinkedHashMap<>();
        Set<String> decisions = new HashSet<>();
        Set<String> processes = new HashSet<>();
        Map<String, Document> bpmn = new LinkedHashMap<>();
        resources.forEach((name, bytes) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            try {
                if (lower.endsWith(".form")) {
                    JsonNode form = JSON.readTree(bytes);
                    JsonNode id = form.path("id");
                    Set<String> fields = VariableRules.formFields(form);
                    formFieldsByResource.put(name, fields);
                    if (id.isTextual()) {
                        forms.add(id.asText());
                        formFieldsById.put(id.asText(), fields);
                    }
                } else if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
                    Document dmn = parse(bytes);
                    checkDmn(name, dmn, out);
                    dmnDocs.put(name, dmn);
                    for (Element e : elements(dmn.getDocumentElement())) {
                        if (e.getLocalName().equals("decision") && e.hasAttribute("id")) {
                            decisions.add(e.getAttribute("id"));
                        }
                    }
                } else if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
                    Document doc = parse(bytes);
                    bpmn.put(name, doc);
                    for (Element e : elements(doc.getDocumentElement())) {
                        if (e.getLocalName().equals("process") && BPMN.equals(e.getNamespaceURI())) {
                            processes.add(e.getAttribute("id"));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                out.add(new Refusal(name, null, "不是有效的文件 not a readable model: " + e.getMessage()));
            }
        });
        bpmn.forEach((name, doc) -> checkBpmn(name, doc, catalog, forms, decisions, processes, out));
        VariableRules.check(bpmn, dmnDocs, formFieldsById, formFieldsByResource, catalog, out);
        return out;
    }

    private static void checkBpmn(String resource, Document doc, Catalog catalog, Set<String> forms, Set<String> decisions,
            Set<String> processes, List<Refusal> out) {
        for (Element e : elements(doc.getDocumentElement())) {
            String local = e.getLocalName();
            String where = owner(e);
            if (BPMN.equals(e.getNamespaceURI()) && local.equals("scriptTask")
                    || CAMUNDA.equals(e.getNamespaceURI()) && local.equals("script")) {
                out.add(new Refusal(resource, where, "脚本不允许 a script runs code on the server and is refused; use a service"
                        + " task with one of the application's delegates"));
                continue;
            }
            if (local.equals("documentation") || local.equals("text") && BPMN.equals(e.getNamespaceURI())) {
                continue; // prose for people, never evaluated
            }
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr a = (Attr) attributes.item(i);
                String name = a.getLocalName() == null ? a.getName() : a.getLocalName();
                boolean camunda = CAMUNDA.equals(a.getNamespaceURI());
                String value = a.getValue().strip();
                if (camunda && name.equals("class")) {
                    out.add(new Refusal(resource, where, "camunda:class=\"" + value + "\" runs a Java class chosen by the diagram;"
                            + " use camunda:delegateExpression with one of the application's delegates"));
                } else if (name.equals("language") && local.equals("conditionExpression") || name.equals("scriptFormat")) {
                    out.add(new Refusal(resource, where, "脚本条件不允许 a script condition (" + name + "=\"" + value + "\") is refused"));
                } else if (camunda && name.equals("delegateExpression")) {
                    checkDelegate(resource, where, value, catalog, out);
                } else if (camunda && name.equals("formRef") && !value.contains("{")) {
                    checkReference(resource, where, "表单 form", value, e.getAttributeNS(CAMUNDA, "formRefBinding"), forms,
                            catalog::formDeployed, out);
                } else if (camunda && name.equals("decisionRef") && !value.contains("{")) {
                    checkReference(resource, where, "决策 decision", value, e.getAttributeNS(CAMUNDA, "decisionRefBinding"),
                            decisions, catalog::decisionDeployed, out);
                } else if (name.equals("calledElement") && !value.contains("{")) {
                    checkReference(resource, where, "流程 process", value, e.getAttributeNS(CAMUNDA, "calledElementBinding"),
                            processes, catalog::processDeployed, out);
                }
                if (!(camunda && name.equals("delegateExpression"))) {
                    checkExpressions(resource, where, "@" + a.getName(), a.getValue(), catalog, out);
                }
            }
            for (Node child = e.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    checkExpressions(resource, where, local, child.getNodeValue(), catalog, out);
                }
            }
        }
    }

    private static void checkDelegate(String resource, String where, String value, Catalog catalog, List<Refusal> out) {
        String bean = value.matches("^\\$\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*}$") ? value.substring(2, value.length() - 1).strip() : null;
        if (bean == null) {
            out.add(new Refusal(resource, where, "camunda:delegateExpression \"" + value + "\" must name one delegate bean,"
                    + " e.g. ${assignLeadDelegate}"));
        } else if (!catalog.isBean(bean)) {
            out.add(new Refusal(resource, where, "未知的委托 unknown delegate bean '" + bean + "' in camunda:delegateExpression "
                    + value + ": the application has no such delegate"));
        } else if (!catalog.isAppDelegate(bean)) {
            out.add(new Refusal(resource, where, "'" + bean + "' in camunda:delegateExpression " + value
                    + " is a Spring bean but not one of the application's delegates"));
        }
    }

    private static void checkReference(String resource, String where, String kind, String key, String binding,
            Set<String> inDeployment, java.util.function.Predicate<String> deployed, List<Refusal> out) {
        if (inDeployment.contains(key)) {
            return;
        }
        if ("deployment".equals(binding)) {
            out.add(new Refusal(resource, where, "缺少" + kind + " missing " + kind.substring(kind.indexOf(' ') + 1) + " '" + key
                    + "': it is bound to this deployment (binding=deployment) but the deployment does not contain it;"
                    + " deploy its file together with the diagram"));
        } else if (!deployed.test(key)) {
            out.add(new Refusal(resource, where, "未知的" + kind + " unknown " + kind.substring(kind.indexOf(' ') + 1) + " '" + key
                    + "': neither in this deployment nor deployed"));
        }
    }

    private static void checkExpressions(String resource, String where, String field, String text, Catalog catalog,
            List<Refusal> out) {
        for (String expression : ExpressionAllowList.expressions(text)) {
            String why = ExpressionAllowList.refusal(expression, catalog::isBean, catalog::isAppDelegate);
            if (why != null) {
                out.add(new Refusal(resource, where, "表达式不允许 expression " + expression + " in " + field + " is refused: " + why));
            }
        }
    }

    private static void checkDmn(String resource, Document doc, List<Refusal> out) {
        for (Element e : elements(doc.getDocumentElement())) {
            String language = e.getAttribute("expressionLanguage").strip();
            if (!language.isEmpty() && !language.toLowerCase(Locale.ROOT).contains("feel")) {
                out.add(new Refusal(resource, dmnOwner(e), "只允许 FEEL only FEEL decision expressions are accepted, not "
                        + "expressionLanguage=\"" + language + "\" on " + e.getLocalName()));
            }
        }
    }

    /** The id (and name) of the nearest element with an id: the element an owner sees in Modeler. */
    static String owner(Element e) {
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            if (el.hasAttribute("id") && !el.getLocalName().endsWith("EventDefinition") && !INNER.contains(el.getLocalName())) {
                return el.getAttribute("id") + (el.hasAttribute("name") ? " (" + el.getAttribute("name") + ")" : "");
            }
        }
        return null;
    }

    private static String dmnOwner(Element e) {
        String own = e.hasAttribute("id") ? e.getAttribute("id") : null;
        for (Node n = e.getParentNode(); n instanceof Element el; n = n.getParentNode()) {
            if (el.getLocalName().equals("decision")) {
                return (own == null ? "" : own + " in ") + "decision " + el.getAttribute("id");
            }
        }
        return own;
    }

    static Document parse(byte[] bytes) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static List<Element> elements(Element root) {
        List<Element> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                collect(child, out);
            }
        }
    }
}
