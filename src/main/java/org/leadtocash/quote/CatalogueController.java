package org.leadtocash.quote;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Catalogue and clause library over REST, for every authenticated user; only group {@code legal} publishes.
 * <ul>
 * <li>{@code GET /api/products}, {@code GET /api/products/{model}}</li>
 * <li>{@code GET /api/clauses}: every clause type with its version in force today and any scheduled (future) versions</li>
 * <li>{@code GET /api/clauses/{typeCode}/versions}: the whole history, version 1 first;
 * {@code GET /api/clauses/{typeCode}/versions/{version}}: one version</li>
 * <li>{@code POST /api/clauses/{typeCode}/versions} {@code {"effectiveDate":"2027-01-01","text":"…"}} → 201 (legal),
 * 403 (anyone else), 400 naming {@code typeCode}, {@code effectiveDate} or {@code text}</li>
 * </ul>
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class CatalogueController {
    private final Catalogue catalogue;
    private final ClauseLibrary library;
    private final CurrentUser currentUser;
    private final EngineClock clock;

    public CatalogueController(Catalogue catalogue, ClauseLibrary library, CurrentUser currentUser, EngineClock clock) {
        this.catalogue = catalogue;
        this.library = library;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** A clause type with the version in force today ({@code null} if none yet) and versions scheduled after today. */
    public record ClauseTypeView(String code, String name, boolean locked, boolean appliesToAll, ClauseVersion latest,
                                 List<ClauseVersion> scheduled) {
    }

    /** Body of a publication. */
    public record ClauseVersionRequest(LocalDate effectiveDate, String text) {
    }

    @GetMapping("/api/products")
    public List<Product> products() {
        return catalogue.products();
    }

    @GetMapping("/api/products/{model}")
    public Product product(@PathVariable String model) {
        return catalogue.product(model);
    }

    @GetMapping("/api/clauses")
    public List<ClauseTypeView> clauses() {
        LocalDate today = clock.today();
        return library.types().stream().map(t -> {
            List<ClauseVersion> history = library.history(t.code());
            ClauseVersion latest = history.stream().filter(v -> !v.effectiveDate().isAfter(today))
                    .reduce((a, b) -> b).orElse(null);
            List<ClauseVersion> scheduled = history.stream().filter(v -> v.effectiveDate().isAfter(today))
                    .filter(v -> latest == null || v.version() > latest.version()).toList();
            return new ClauseTypeView(t.code(), t.name(), t.locked(), t.appliesToAll(), latest, scheduled);
        }).toList();
    }

    @GetMapping("/api/clauses/{typeCode}/versions")
    public List<ClauseVersion> history(@PathVariable String typeCode) {
        return library.history(typeCode);
    }

    @GetMapping("/api/clauses/{typeCode}/versions/{version}")
    public ClauseVersion version(@PathVariable String typeCode, @PathVariable int version) {
        return library.version(typeCode, version);
    }

    @PostMapping(path = "/api/clauses/{typeCode}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ClauseVersion> publish(@PathVariable String typeCode, @RequestBody ClauseVersionRequest body) {
        ClauseVersion published;
        try {
            published = library.publish(typeCode, body.effectiveDate(), body.text(), currentUser.id(), currentUser.groups());
        } catch (InvalidInputException e) {
            // the service names its parameters as the Tasklist form does; answer with this API's names
            throw new InvalidInputException(e.errors().stream().map(CatalogueController::apiField).toList());
        }
        return ResponseEntity.created(URI.create("/api/clauses/" + published.typeCode() + "/versions/" + published.version()))
                .body(published);
    }

    private static FieldError apiField(FieldError e) {
        return switch (e.field()) {
            case "clauseType" -> new FieldError("typeCode", e.rule(), e.message());
            case "clauseText" -> new FieldError("text", e.rule(), e.message());
            default -> e;
        };
    }
}
