package org.leadtocash.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What a process owner does in Camunda Modeler: open a shipped file from {@code bpmn/} or {@code forms/}, change it, and
 * press Deploy — a multipart {@code POST /engine-rest/deployment/create} with HTTP Basic, the fields Modeler sends and one
 * part per file, over real HTTP.
 */
public final class ModelerDeploy {
    private ModelerDeploy() {
    }

    /** The shipped file as an owner opens it, e.g. {@code bpmn/lead-routing.bpmn}, {@code forms/first-contact.form}. */
    public static byte[] shipped(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped diagram changed with the Camunda model API, written back as Modeler saves it. */
    public static byte[] editDiagram(String path, Consumer<BpmnModelInstance> change) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(shipped(path)));
        change.accept(model);
        return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
    }

    /** The shipped file with one text replaced (an XML or JSON edit), failing when the text is not there exactly once. */
    public static byte[] editText(String path, String find, String replacement) {
        String text = new String(shipped(path), StandardCharsets.UTF_8);
        int at = text.indexOf(find);
        if (at < 0 || text.indexOf(find, at + 1) >= 0) {
            throw new IllegalArgumentException(path + " does not contain exactly one '" + find + "'");
        }
        return text.replace(find, replacement).getBytes(StandardCharsets.UTF_8);
    }

    /** Deploys the files (file name → content) as the user with password = user id (the demo users), like Modeler. */
    public static ResponseEntity<String> deploy(TestRestTemplate rest, String user, String deploymentName, Map<String, byte[]> files) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", deploymentName);
        parts.add("deployment-source", "Camunda Modeler");
        parts.add("deploy-changed-only", "false");
        files.forEach((name, bytes) -> parts.add(name, new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        }));
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.MULTIPART_FORM_DATA);
        h.setBasicAuth(user, user);
        return rest.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, h), String.class);
    }
}
