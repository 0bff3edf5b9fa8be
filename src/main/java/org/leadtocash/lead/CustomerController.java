package org.leadtocash.lead;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The customer book over HTTP (authenticated like all of {@code /api}):
 * <ul>
 * <li>{@code POST /api/customers}: record a customer from its business licence ({@link LicenceFields}); a rep records
 *     his own customer (he becomes the owner), managers, directors and admins any, with an optional {@code ownerId};</li>
 * <li>{@code GET /api/customers/{id}/licence}, {@code GET /api/customer-book}: licence, tier and owner (a rep: his own);</li>
 * <li>{@code POST /api/customers/import}: a CSV customer book, as the body ({@code text/csv}) or the multipart part
 *     {@code file}; managers, directors and admins. 200 with the line-by-line {@link CustomerImportReport}; a file that
 *     cannot be read as a whole 400 (nothing stored).</li>
 * </ul>
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerController {
    private final CustomerBook book;
    private final CurrentUser currentUser;

    CustomerController(CustomerBook book, CurrentUser currentUser) {
        this.book = book;
        this.currentUser = currentUser;
    }

    @PostMapping(path = "/customers", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CustomerRecord> register(@RequestBody JsonNode body) {
        boolean overseer = currentUser.seesAllSalesData();
        if (!overseer) {
            currentUser.requireAnyGroup(Groups.SALES_REP, Groups.SALES_MANAGER, Groups.REGIONAL_DIRECTOR, Groups.ADMIN);
        }
        Map<String, Object> fields = fields(body);
        if (!overseer) {
            Object owner = fields.get(LicenceFields.OWNER_ID);
            if (owner != null && !currentUser.id().equals(owner.toString().strip())) {
                throw new InvalidInputException(LicenceFields.OWNER_ID, "self", "销售只能为自己建档客户 a rep records customers he owns "
                        + "himself; leave ownerId out");
            }
            fields.put(LicenceFields.OWNER_ID, currentUser.id());
        }
        CustomerRecord created = book.register(fields, currentUser.id());
        return ResponseEntity.created(URI.create("/api/customers/" + created.id() + "/licence")).body(created);
    }

    @GetMapping("/customers/{id}/licence")
    public CustomerRecord record(@PathVariable String id) {
        return book.record(id, viewer());
    }

    @GetMapping("/customer-book")
    public List<CustomerRecord> records(@RequestParam(defaultValue = "100") int limit) {
        return book.records(viewer(), limit);
    }

    @PostMapping(path = "/customers/import", consumes = {"text/csv", "application/csv", MediaType.TEXT_PLAIN_VALUE})
    public CustomerImportReport importBody(HttpServletRequest request, @RequestParam(required = false) String fileName)
            throws IOException {
        requireUpkeep();
        byte[] content;
        try (InputStream in = request.getInputStream()) {
            content = in.readNBytes(CustomerCsv.MAX_BYTES + 1);
        }
        return book.importCsv(content, fileName, currentUser.id());
    }

    @PostMapping(path = "/customers/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public CustomerImportReport importUpload(@RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        requireUpkeep();
        if (file == null) {
            throw new InvalidInputException("file", "required", "请选择CSV文件 upload the CSV file in the multipart part named 'file'");
        }
        byte[] content;
        try (InputStream in = file.getInputStream()) {
            content = in.readNBytes(CustomerCsv.MAX_BYTES + 1);
        }
        return book.importCsv(content, file.getOriginalFilename(), currentUser.id());
    }

    private void requireUpkeep() {
        currentUser.requireAnyGroup(Groups.SALES_MANAGER, Groups.REGIONAL_DIRECTOR, Groups.ADMIN);
    }

    private String viewer() {
        return currentUser.seesAllSalesData() ? null : currentUser.id();
    }

    /** JSON object → field map of the known fields; strings and numbers only. */
    private static Map<String, Object> fields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "json-object", "the request body must be a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        body.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (!LicenceFields.CHINESE.containsKey(e.getKey())) {
                errors.add(new FieldError(e.getKey(), "known-field", "unknown field; use " + LicenceFields.CHINESE.keySet()));
            } else if (v.isNull()) {
                fields.put(e.getKey(), null);
            } else if (v.isTextual()) {
                fields.put(e.getKey(), v.textValue());
            } else if (v.isNumber()) {
                fields.put(e.getKey(), v.decimalValue());
            } else {
                errors.add(new FieldError(e.getKey(), "type", "must be a string or a number"));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return fields;
    }
}
