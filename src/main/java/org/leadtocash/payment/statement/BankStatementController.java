package org.leadtocash.payment.statement;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Bank-statement import for {@code finance} (and {@code camunda-admin}), HTTP Basic like all of {@code /api}.
 * <ul>
 * <li>{@code POST /api/bank-statements} with the statement as the body: {@code Content-Type: text/csv} (optionally
 *     {@code ; charset=GBK}), {@code application/json}, or {@code text/plain} (format decided by the content);</li>
 * <li>{@code POST /api/bank-statements} as {@code multipart/form-data} with the file in part {@code file}
 *     ({@code .csv} or {@code .json}; otherwise the part's content type, otherwise the content decides);</li>
 * <li>{@code GET /api/bank-statements/{importId}}: the stored report again; {@code GET /api/bank-statements}: the latest
 *     imports with their counts.</li>
 * </ul>
 * An accepted file answers 201 with the line-by-line report ({@link StatementImportReport}) and its location; a
 * malformed one 400 naming the problem (nothing applied); another content type 415; a raw body over 5 MB 400, a
 * multipart upload over 5 MB 413 (refused by the servlet container's upload limit before it reaches this controller).
 * The caller's group is checked before the body is read.
 */
@RestController
@RequestMapping(path = "/api/bank-statements", produces = MediaType.APPLICATION_JSON_VALUE)
class BankStatementController {
    private final BankStatementImports imports;
    private final CurrentUser currentUser;

    public BankStatementController(BankStatementImports imports, CurrentUser currentUser) {
        this.imports = imports;
        this.currentUser = currentUser;
    }

    @PostMapping(consumes = {"text/csv", "application/csv"})
    public ResponseEntity<StatementImportReport> importCsv(HttpServletRequest request,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType) throws IOException {
        return importBody(request, contentType, StatementFormat.CSV);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<StatementImportReport> importJson(HttpServletRequest request,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType) throws IOException {
        return importBody(request, contentType, StatementFormat.JSON);
    }

    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<StatementImportReport> importText(HttpServletRequest request,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType) throws IOException {
        return importBody(request, contentType, null);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<StatementImportReport> importUpload(@RequestPart(name = "file", required = false) MultipartFile file)
            throws IOException {
        requireFinance();
        if (file == null) {
            throw new InvalidInputException("file", "required", "upload the statement in the multipart part named 'file'");
        }
        if (file.getSize() > ParsedStatement.MAX_BYTES) {
            throw StatementText.tooLarge(file.getSize());
        }
        byte[] content;
        try (InputStream in = file.getInputStream()) {
            content = in.readNBytes(ParsedStatement.MAX_BYTES + 1);
        }
        String name = file.getOriginalFilename();
        return created(imports.importStatement(
                new BankStatementImports.Upload(content, uploadFormat(name, file.getContentType()), charset(file.getContentType()), name),
                currentUser.id()));
    }

    @GetMapping("/{importId}")
    public StatementImportReport report(@PathVariable String importId) {
        requireFinance();
        return imports.report(importId);
    }

    @GetMapping
    public List<StatementImportReport> recent(@RequestParam(defaultValue = "50") int limit) {
        requireFinance();
        return imports.recent(limit);
    }

    private ResponseEntity<StatementImportReport> importBody(HttpServletRequest request, String contentType, StatementFormat format)
            throws IOException {
        requireFinance();
        byte[] content;
        long drained = 0;
        try (InputStream in = request.getInputStream()) {
            // bounded read: a body over the limit is refused without holding more than 5 MB + 1 byte
            content = in.readNBytes(ParsedStatement.MAX_BYTES + 1);
            if (content.length > ParsedStatement.MAX_BYTES) {
                // read (and drop) up to another 5 MB so that the client has sent its body and reads the 400, instead
                // of a broken pipe: the container closes the connection after a 400
                drained = drain(in, ParsedStatement.MAX_BYTES);
            }
        }
        if (content.length > ParsedStatement.MAX_BYTES) {
            throw StatementText.tooLarge(request.getContentLengthLong() > 0 ? request.getContentLengthLong() : content.length + drained);
        }
        return created(imports.importStatement(
                new BankStatementImports.Upload(content, format, charset(contentType), null), currentUser.id()));
    }

    private static long drain(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while (total < max && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total))) > 0) {
            total += n;
        }
        return total;
    }

    private void requireFinance() {
        currentUser.requireAnyGroup(Groups.FINANCE, Groups.ADMIN);
    }

    private static ResponseEntity<StatementImportReport> created(StatementImportReport report) {
        return ResponseEntity.created(URI.create("/api/bank-statements/" + report.importId())).body(report);
    }

    /** By file extension, then by the part's content type; {@code null} lets the content decide. */
    static StatementFormat uploadFormat(String fileName, String contentType) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return StatementFormat.CSV;
        }
        if (name.endsWith(".json")) {
            return StatementFormat.JSON;
        }
        MediaType type = mediaType(contentType);
        if (type == null) {
            return null;
        }
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return StatementFormat.JSON;
        }
        if (type.isCompatibleWith(MediaType.valueOf("text/csv")) || type.isCompatibleWith(MediaType.valueOf("application/csv"))) {
            return StatementFormat.CSV;
        }
        return null;
    }

    private static String charset(String contentType) {
        MediaType type = mediaType(contentType);
        String charset = type == null ? null : type.getParameter("charset");
        return charset == null ? null : charset.replace("\"", "").replace("'", "").strip();
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new InvalidInputException("Content-Type", "media-type", "'" + contentType + "' is not a valid content type");
        }
    }
}
