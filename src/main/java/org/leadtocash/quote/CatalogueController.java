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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
 * Catalogue upkeep for integrators, under {@code /api/catalogue}; 400 answers name the field and the rule:
 * <ul>
 * <li>{@code GET /api/catalogue/products}; {@code POST /api/catalogue/products}
 * {@code {"model":"JM-500","name":"…","unitPriceCny":128000.00,"vatRate":0.13}} → 201;
 * {@code PUT /api/catalogue/products/{model}} (fields left out keep their value); {@code POST …/{model}/retire}.
 * Group {@code regional-director} only (403 otherwise).</li>
 * <li>{@code GET /api/catalogue/clause-types}: each type with the products that require it;
 * {@code POST /api/catalogue/clause-types} {@code {"code":"DATA_SECURITY","name":"数据安全条款 Data security","locked":true,
 * "requiredFor":["GW-100"]}} → 201; {@code PUT /api/catalogue/clause-types/{code}} (a {@code requiredFor} given replaces
 * the whole list; left out, the list stays); {@code POST} / {@code DELETE /api/catalogue/clause-types/{code}/required-for/{model}}
 * add or remove one product and keep the others. Group {@code legal} only.</li>
 * <li>{@code GET /api/catalogue/clause-types/{code}/versions}; {@code POST …/versions}
 * {@code {"productModel":"JM-200","effectiveDate":"2027-01-01","text":"…"}} (no productModel: the default text of every
 * product) → 201. Group {@code legal} only.</li>
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

    /** Body of a publication; {@code productModel} only under {@code /api/catalogue}. */
    public record ClauseVersionRequest(LocalDate effectiveDate, String text, String productModel) {
    }

    /** A clause type with the products whose quotes carry it. */
    public record ClauseTypeDetails(String code, String name, boolean locked, boolean appliesToAll, boolean active,
                                    List<String> requiredFor) {
    }

    @GetMapping("/api/catalogue/products")
    public List<Product> catalogueProducts() {
        return catalogue.products();
    }

    @GetMapping("/api/catalogue/products/{model}")
    public Product catalogueProduct(@PathVariable String model) {
        return catalogue.product(model);
    }

    @PostMapping(path = "/api/catalogue/products", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Product> addProduct(@RequestBody Catalogue.ProductChange body) {
        if (body != null && body.model() != null && !body.model().isBlank() && catalogueHas(body.model().strip())) {
            throw new InvalidInputException("model", "unique", "产品型号已存在 product model '" + body.model().strip()
                    + "' exists; change it with PUT /api/catalogue/products/" + body.model().strip());
        }
        Product saved = catalogue.save(body == null ? new Catalogue.ProductChange(null, null, null, null, null) : body,
                currentUser.id(), currentUser.groups());
        return ResponseEntity.created(URI.create("/api/catalogue/products/" + saved.model())).body(saved);
    }

    @PutMapping(path = "/api/catalogue/products/{model}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Product changeProduct(@PathVariable String model, @RequestBody Catalogue.ProductChange body) {
        catalogue.product(model);
        return catalogue.save(new Catalogue.ProductChange(model, body.name(), body.unitPriceCny(), body.vatRate(), body.active()),
                currentUser.id(), currentUser.groups());
    }

    @PostMapping("/api/catalogue/products/{model}/retire")
    public Product retireProduct(@PathVariable String model) {
        return catalogue.retire(model, currentUser.id(), currentUser.groups());
    }

    @GetMapping("/api/catalogue/clause-types")
    public List<ClauseTypeDetails> clauseTypes() {
        return library.types().stream().map(this::details).toList();
    }

    @PostMapping(path = "/api/catalogue/clause-types", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ClauseTypeDetails> addClauseType(@RequestBody ClauseLibrary.TypeChange body) {
        if (body != null && body.code() != null && library.types().stream().anyMatch(t -> t.code().equalsIgnoreCase(body.code().strip()))) {
            throw new InvalidInputException("code", "unique", "条款类型已存在 clause type '" + body.code().strip()
                    + "' exists; change it with PUT /api/catalogue/clause-types/" + body.code().strip().toUpperCase(java.util.Locale.ROOT));
        }
        ClauseType saved = library.saveType(body == null ? new ClauseLibrary.TypeChange(null, null, null, null, null, null) : body,
                currentUser.id(), currentUser.groups());
        return ResponseEntity.created(URI.create("/api/catalogue/clause-types/" + saved.code())).body(details(saved));
    }

    @PutMapping(path = "/api/catalogue/clause-types/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ClauseTypeDetails changeClauseType(@PathVariable String code, @RequestBody ClauseLibrary.TypeChange body) {
        library.type(code);
        return details(library.saveType(new ClauseLibrary.TypeChange(code, body.name(), body.locked(), body.appliesToAll(),
                body.active(), body.requiredFor()), currentUser.id(), currentUser.groups()));
    }

    /** One more product requires the type; the others keep requiring it. */
    @PostMapping("/api/catalogue/clause-types/{code}/required-for/{model}")
    public ClauseTypeDetails addRequiredFor(@PathVariable String code, @PathVariable String model) {
        library.changeRequiredFor(code, List.of(model), List.of(), currentUser.id(), currentUser.groups(), "model", "model");
        return details(library.type(code));
    }

    /** The product no longer requires the type; the others keep requiring it. */
    @DeleteMapping("/api/catalogue/clause-types/{code}/required-for/{model}")
    public ClauseTypeDetails removeRequiredFor(@PathVariable String code, @PathVariable String model) {
        library.changeRequiredFor(code, List.of(), List.of(model), currentUser.id(), currentUser.groups(), "model", "model");
        return details(library.type(code));
    }

    @GetMapping("/api/catalogue/clause-types/{code}/versions")
    public List<ClauseVersion> catalogueHistory(@PathVariable String code) {
        return library.history(code);
    }

    @PostMapping(path = "/api/catalogue/clause-types/{code}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ClauseVersion> publishForProduct(@PathVariable String code, @RequestBody ClauseVersionRequest body) {
        ClauseVersion published;
        try {
            published = library.publish(code, body.productModel(), body.effectiveDate(), body.text(), currentUser.id(),
                    currentUser.groups());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.errors().stream().map(CatalogueController::apiField).toList());
        }
        return ResponseEntity.created(URI.create("/api/clauses/" + published.typeCode() + "/versions/" + published.version()))
                .body(published);
    }

    private boolean catalogueHas(String model) {
        return catalogue.products().stream().anyMatch(p -> p.model().equals(model));
    }

    private ClauseTypeDetails details(ClauseType t) {
        return new ClauseTypeDetails(t.code(), t.name(), t.locked(), t.appliesToAll(), t.active(), library.requiringProducts(t.code()));
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
            published = library.publish(typeCode, body.productModel(), body.effectiveDate(), body.text(), currentUser.id(),
                    currentUser.groups());
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
