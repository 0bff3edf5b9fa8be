package org.leadtocash.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One model file the application ships ({@code bpmn/*.bpmn}, {@code bpmn/*.dmn}, {@code forms/*.form}), named by its file
 * name as Modeler names it in a deployment, with the key an owner's deployment of the same thing has: the process id,
 * the (first) decision id or the form id.
 */
record ModelFile(String name, Kind kind, String key, byte[] bytes) {
    enum Kind { BPMN, DMN, FORM }

    private static final ObjectMapper JSON = new ObjectMapper();

    ModelFile {
        bytes = bytes.clone();
    }

    /** Reads a file's kind and key from its content. */
    static ModelFile of(String name, byte[] bytes) {
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".form")) {
                return new ModelFile(name, Kind.FORM, JSON.readTree(bytes).path("id").asText(), bytes);
            }
            Document doc = DeploymentRules.parse(bytes);
            Kind kind = lower.endsWith(".dmn") ? Kind.DMN : Kind.BPMN;
            String element = kind == Kind.DMN ? "decision" : "process";
            for (Element e : DeploymentRules.elements(doc.getDocumentElement())) {
                if (e.getLocalName().equals(element) && e.hasAttribute("id")) {
                    return new ModelFile(name, kind, e.getAttribute("id"), bytes);
                }
            }
            throw new IllegalArgumentException(name + " has no " + element);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    /** The shipped model files on the class path. */
    static List<ModelFile> shipped() {
        List<ModelFile> out = new ArrayList<>();
        var resolver = new PathMatchingResourcePatternResolver();
        try {
            for (String pattern : List.of("classpath*:bpmn/*.bpmn", "classpath*:bpmn/*.dmn", "classpath*:forms/*.form")) {
                for (Resource r : resolver.getResources(pattern)) {
                    out.add(of(r.getFilename(), r.getContentAsByteArray()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The form ids ({@code camunda:formRef}) and decision ids ({@code camunda:decisionRef}) a diagram names. */
    Set<String> references() {
        Set<String> refs = new LinkedHashSet<>();
        try {
            for (Element e : DeploymentRules.elements(DeploymentRules.parse(bytes).getDocumentElement())) {
                for (String attribute : List.of("formRef", "decisionRef")) {
                    String value = e.getAttributeNS(DeploymentRules.CAMUNDA, attribute);
                    if (!value.isBlank()) {
                        refs.add(value.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
        return refs;
    }

    /** The decision ids of a DMN file. */
    Set<String> decisions() {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (Element e : DeploymentRules.elements(DeploymentRules.parse(bytes).getDocumentElement())) {
                if (e.getLocalName().equals("decision") && e.hasAttribute("id")) {
                    out.add(e.getAttribute("id"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
        return out;
    }

    String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The release's deployment groups, by name: each diagram (named after its file) with the forms and DMN files it
     * references; a DMN or form no diagram references forms a group of its own. A file several diagrams reference is in
     * each of their groups (a form bound to its deployment must be deployed with the diagram that opens it).
     */
    static Map<String, List<ModelFile>> groups(List<ModelFile> files) {
        Map<String, List<ModelFile>> groups = new LinkedHashMap<>();
        Set<ModelFile> used = new LinkedHashSet<>();
        for (ModelFile diagram : files.stream().filter(f -> f.kind() == Kind.BPMN).toList()) {
            List<ModelFile> group = new ArrayList<>(List.of(diagram));
            Set<String> refs = diagram.references();
            for (ModelFile f : files) {
                boolean referenced = f.kind() == Kind.FORM ? refs.contains(f.key())
                        : f.kind() == Kind.DMN && f.decisions().stream().anyMatch(refs::contains);
                if (referenced) {
                    group.add(f);
                    used.add(f);
                }
            }
            groups.put(baseName(diagram.name()), group);
        }
        for (ModelFile f : files) {
            if (f.kind() != Kind.BPMN && !used.contains(f)) {
                groups.put(baseName(f.name()), List.of(f));
            }
        }
        return groups;
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    @Override
    public String toString() {
        return name + " (" + kind + " " + key + ", " + bytes.length + " bytes)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelFile f && f.name.equals(name) && java.util.Arrays.equals(f.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
