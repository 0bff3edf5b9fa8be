package org.leadtocash.quote;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.leadtocash.shared.Groups;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clause library: clause types with numbered versions. Legal publishes a new version; nothing ever
 * changes or deletes a published one, so every version a quote or contract cited stays readable.
 * <p>
 * "Latest" is the version in force today (engine clock, {@code leadtocash.zone}): the highest version number whose
 * effective date is today or earlier. A version published with a future effective date becomes the latest on that
 * date; a version published later with an earlier date supersedes it (the higher number wins once both are in force).
 */
@Service
class ClauseLibrary {
    /** Longest clause text accepted, in characters. */
    public static final int MAX_TEXT_LENGTH = 20_000;
    /** The only group that publishes clause versions. */
    public static final String PUBLISHER_GROUP = Groups.LEGAL;
    static final String PUBLISH_RULE = "只有法务组(legal)可以发布条款新版本 only members of group 'legal' may publish clause versions";

    private static final Logger log = LoggerFactory.getLogger(ClauseLibrary.class);

    private final ClauseRepository clauses;
    private final EngineClock clock;

    private final CatalogueRepository products;
    private final ApplicationEventPublisher events;

    public ClauseLibrary(ClauseRepository clauses, CatalogueRepository products, EngineClock clock,
                         ApplicationEventPublisher events) {
        this.clauses = clauses;
        this.products = products;
        this.clock = clock;
        this.events = events;
    }

    /** Every clause type, ordered by code. */
    public List<ClauseType> types() {
        return clauses.types();
    }

    /** @throws NotFoundException for an unknown type code */
    public ClauseType type(String typeCode) {
        return clauses.type(normalize(typeCode)).orElseThrow(() -> unknownType(typeCode));
    }

    /**
     * The version in force today.
     *
     * @throws NotFoundException for an unknown type, or a type with no version in force yet
     */
    public ClauseVersion latest(String typeCode) {
        return latest(typeCode, null);
    }

    /**
     * The version in force today for the product: its own text if it has one in force, else the default text.
     *
     * @param productModel null for the default text
     * @throws NotFoundException for an unknown type, or when neither has a version in force yet
     */
    public ClauseVersion latest(String typeCode, String productModel) {
        ClauseType type = type(typeCode);
        return clauses.inForce(type.code(), productModel, clock.today()).orElseThrow(() -> new NotFoundException(
                "条款尚无生效版本 clause type " + type.code() + (productModel == null ? "" : " for product " + productModel)
                        + " has no version in force on " + clock.today()));
    }

    /**
     * The clauses a quote for these products carries: for each product, each active type it requires plus each
     * active type that applies to all, at the version in force today for that product (its own text, else the
     * default). A default version several products share is attached once. Ordered by type code, the default first.
     * A type with no version in force yet is left out.
     */
    public List<ClauseVersion> attachmentsFor(Collection<Product> quoted) {
        LocalDate today = clock.today();
        List<ClauseType> all = clauses.types();
        Map<Long, ClauseVersion> byId = new LinkedHashMap<>();
        List<String> general = all.stream().filter(t -> t.active() && t.appliesToAll()).map(ClauseType::code).toList();
        Set<String> active = new HashSet<>();
        all.stream().filter(ClauseType::active).forEach(t -> active.add(t.code()));
        if (quoted.isEmpty()) {
            general.forEach(t -> clauses.inForce(t, null, today).ifPresent(v -> byId.putIfAbsent(v.id(), v)));
        }
        for (Product p : quoted) {
            Set<String> types = new LinkedHashSet<>(general);
            p.clauseTypes().stream().filter(active::contains).forEach(types::add);
            for (String t : types) {
                clauses.inForce(t, p.model(), today).ifPresent(v -> byId.putIfAbsent(v.id(), v));
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(ClauseVersion::typeCode)
                .thenComparing(v -> v.productModel() == null ? "" : v.productModel())).toList();
    }

    /**
     * The clause types the product requires — each active type it names plus each active type that applies to all —
     * that have no version in force today for it (neither its own text nor the default). A quote or contract for the
     * product is refused while this is not empty: it would silently go out without a required clause.
     */
    public List<ClauseType> withoutTextFor(Product product) {
        LocalDate today = clock.today();
        Set<String> named = new HashSet<>(product.clauseTypes());
        return clauses.types().stream().filter(ClauseType::active).filter(t -> t.appliesToAll() || named.contains(t.code()))
                .filter(t -> clauses.inForce(t.code(), product.model(), today).isEmpty()).toList();
    }

    /** The rule broken by {@link #withoutTextFor}, for a field naming the product. */
    FieldError missingText(String field, Product product, ClauseType type) {
        return new FieldError(field, "required-clause-text", "产品 " + product.model() + " 需要条款 " + type.name()
                + "，但没有已发布的版本 / required clause has no published text: product " + product.model()
                + " requires clause type " + type.code() + " and it has no version in force on " + clock.today()
                + "; legal publishes one (发布条款版本 Publish a clause version) first");
    }

    /**
     * The versions in force today of the given types plus every type that applies to all quotes, ordered by type code.
     * A type with no version in force yet is left out.
     *
     * @throws NotFoundException if one of the given codes is no clause type
     */
    public List<ClauseVersion> latestFor(Collection<String> typeCodes) {
        Set<String> wanted = new LinkedHashSet<>();
        List<ClauseType> all = clauses.types();
        Set<String> known = new LinkedHashSet<>();
        all.forEach(t -> known.add(t.code()));
        for (String code : typeCodes == null ? List.<String>of() : typeCodes) {
            String c = normalize(code);
            if (!known.contains(c)) {
                throw unknownType(code);
            }
            wanted.add(c);
        }
        all.stream().filter(ClauseType::appliesToAll).forEach(t -> wanted.add(t.code()));
        LocalDate today = clock.today();
        return wanted.stream().sorted().map(t -> clauses.inForce(t, null, today)).flatMap(Optional::stream).toList();
    }

    /**
     * All versions of the type, version 1 first, scheduled ones (effective date after today) included.
     *
     * @throws NotFoundException for an unknown type
     */
    public List<ClauseVersion> history(String typeCode) {
        return clauses.history(type(typeCode).code());
    }

    /** @throws NotFoundException if no version has the id */
    public ClauseVersion version(long id) {
        return clauses.version(id).orElseThrow(() -> new NotFoundException("条款版本不存在 clause version " + id + " does not exist"));
    }

    /** @throws NotFoundException if the type has no such version */
    public ClauseVersion version(String typeCode, int version) {
        ClauseType type = type(typeCode);
        return clauses.version(type.code(), version).orElseThrow(() -> new NotFoundException(
                "条款版本不存在 clause " + type.code() + " has no version " + version));
    }

    /**
     * Publishes the next version of a clause type.
     *
     * @param effectiveDate today or later
     * @param text          the clause text, 1 to {@value #MAX_TEXT_LENGTH} characters after trimming
     * @throws AccessDeniedException unless the publisher is in group {@code legal}
     * @throws InvalidInputException naming {@code clauseType}, {@code effectiveDate} and/or {@code clauseText}
     */
    @Transactional
    public ClauseVersion publish(String typeCode, LocalDate effectiveDate, String text, String publisherId,
                                 Collection<String> publisherGroups) {
        return publish(typeCode, null, effectiveDate, text, publisherId, publisherGroups);
    }

    /**
     * Publishes the next version of a clause type, for one product or (productModel null or blank) as the default text
     * of every product without its own. A locked type's publication announces {@link ClauseVersionPublished}, which
     * sends contracts in review that carry the older text back to the rep on the effective date.
     *
     * @throws InvalidInputException also naming {@code productModel} when no such product exists
     */
    @Transactional
    public ClauseVersion publish(String typeCode, String productModel, LocalDate effectiveDate, String text,
                                 String publisherId, Collection<String> publisherGroups) {
        if (publisherId == null || publisherId.isBlank() || publisherGroups == null || !publisherGroups.contains(PUBLISHER_GROUP)) {
            throw new AccessDeniedException(PUBLISH_RULE);
        }
        List<FieldError> errors = new ArrayList<>();
        ClauseType type = null;
        if (typeCode == null || typeCode.isBlank()) {
            errors.add(new FieldError("clauseType", "required", "条款类型必填 is required"));
        } else {
            type = clauses.lockType(normalize(typeCode)).orElse(null);
            if (type == null) {
                errors.add(new FieldError("clauseType", "known-type", "'" + typeCode.strip() + "' 不是条款类型 is no clause type; known: "
                        + clauses.types().stream().map(ClauseType::code).toList()));
            }
        }
        String product = productModel == null || productModel.isBlank() ? null : productModel.strip();
        if (product != null && !products.exists(product)) {
            errors.add(new FieldError("productModel", "known-product", "'" + product + "' 不是目录中的产品型号 is no product of the "
                    + "catalogue; known: " + products.products().stream().map(Product::model).toList()
                    + "; 留空表示所有产品的默认文本 leave it empty for the default text of every product"));
        }
        LocalDate today = clock.today();
        if (effectiveDate == null) {
            errors.add(new FieldError("effectiveDate", "required", "生效日期必填 is required"));
        } else if (effectiveDate.isBefore(today)) {
            errors.add(new FieldError("effectiveDate", "not-in-past",
                    "生效日期不能早于今天 must be today (" + today + ") or later; a published version never takes effect retroactively"));
        }
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty()) {
            errors.add(new FieldError("clauseText", "required", "条款正文必填 is required"));
        } else if (clean.length() > MAX_TEXT_LENGTH) {
            errors.add(new FieldError("clauseText", "max-length",
                    "条款正文过长 must be at most " + MAX_TEXT_LENGTH + " characters, was " + clean.length()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int next = clauses.highestVersion(type.code()) + 1;
        long id = clauses.insert(type.code(), product, next, effectiveDate, clean, publisherId, clock.now());
        log.info("Clause {} version {} for {} published by {}, effective {}", type.code(), next,
                product == null ? "all products" : product, publisherId, effectiveDate);
        ClauseVersion published = version(id);
        events.publishEvent(new ClauseVersionPublished(published));
        return published;
    }

    /** A new version was published; listeners run in the publication's transaction. */
    record ClauseVersionPublished(ClauseVersion version) {
    }

    /** What legal enters to add or change a clause type. */
    record TypeChange(String code, String name, Boolean locked, Boolean appliesToAll, Boolean active,
                      List<String> requiredFor) {
    }

    /**
     * Adds a clause type or changes one (legal only), and sets the products whose quotes carry it. No migration and no
     * release: a quote started afterwards for one of those products carries the type once legal published a text.
     *
     * @throws AccessDeniedException unless the user is in group {@code legal}
     * @throws InvalidInputException naming {@code code}, {@code name}, {@code locked} or {@code requiredFor}
     */
    @Transactional
    public ClauseType saveType(TypeChange change, String userId, Collection<String> userGroups) {
        if (userId == null || userId.isBlank() || userGroups == null || !userGroups.contains(PUBLISHER_GROUP)) {
            throw new AccessDeniedException("只有法务组(legal)可以维护条款类型 only members of group 'legal' may add or change clause types");
        }
        List<FieldError> errors = new ArrayList<>();
        String code = change.code() == null ? "" : change.code().strip().toUpperCase(java.util.Locale.ROOT);
        if (code.isEmpty()) {
            errors.add(new FieldError("code", "required", "条款类型代码必填 is required"));
        } else if (!code.matches("[A-Z][A-Z0-9_]{1,39}")) {
            errors.add(new FieldError("code", "pattern", "条款类型代码只能用大写字母、数字和下划线，2到40个字符 must be 2 to 40 "
                    + "upper-case letters, digits or underscores starting with a letter, e.g. DATA_SECURITY; was '" + code + "'"));
        }
        ClauseType existing = code.isEmpty() ? null : clauses.lockType(code).orElse(null);
        String name = change.name() == null ? "" : change.name().strip();
        if (name.isEmpty() && existing == null) {
            errors.add(new FieldError("name", "required", "条款类型名称必填 is required, Chinese first, e.g. 数据安全条款 Data security"));
        } else if (name.length() > 100) {
            errors.add(new FieldError("name", "max-length", "条款类型名称最多100字 must be at most 100 characters, was " + name.length()));
        }
        if (change.locked() == null && existing == null) {
            errors.add(new FieldError("locked", "required", "请选择是否锁定 say whether the type is locked (true/false)"));
        }
        List<String> required = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String m : change.requiredFor() == null ? List.<String>of() : change.requiredFor()) {
            String model = m == null ? "" : m.strip();
            if (model.isEmpty() || required.contains(model)) {
                continue;
            }
            (products.exists(model) ? required : unknown).add(model);
        }
        if (!unknown.isEmpty()) {
            errors.add(new FieldError("requiredFor", "known-product", "不是目录中的产品型号 no product of the catalogue: " + unknown
                    + "; known: " + products.products().stream().map(Product::model).toList()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        ClauseType saved = new ClauseType(code, name.isEmpty() ? existing.name() : name,
                change.locked() != null ? change.locked() : existing.locked(),
                change.appliesToAll() != null ? change.appliesToAll() : existing != null && existing.appliesToAll(),
                change.active() != null ? change.active() : existing == null || existing.active());
        if (existing == null) {
            clauses.insertType(saved);
        } else {
            clauses.updateType(saved);
        }
        if (change.requiredFor() != null) {
            clauses.requireFor(code, required);
        }
        log.info("Clause type {} {} by {}: locked {}, applies to all {}, active {}, required for {}", code,
                existing == null ? "added" : "changed", userId, saved.locked(), saved.appliesToAll(), saved.active(),
                clauses.requiringProducts(code));
        return saved;
    }

    /**
     * Adds products to and removes products from those that require the type, leaving every other product as it is
     * (legal only). Adding a product that already requires it, or removing one that does not, changes nothing.
     *
     * @param addField    the field named when a product to add is no catalogue product
     * @param removeField the field named when a product to remove is unknown
     * @return the products that require the type afterwards
     * @throws AccessDeniedException unless the user is in group {@code legal}
     * @throws NotFoundException     for an unknown type
     * @throws InvalidInputException naming {@code addField} for a product not in the catalogue
     */
    @Transactional
    public List<String> changeRequiredFor(String typeCode, Collection<String> add, Collection<String> remove, String userId,
                                          Collection<String> userGroups, String addField, String removeField) {
        if (userId == null || userId.isBlank() || userGroups == null || !userGroups.contains(PUBLISHER_GROUP)) {
            throw new AccessDeniedException("只有法务组(legal)可以维护条款类型 only members of group 'legal' may add or change clause types");
        }
        ClauseType type = clauses.lockType(normalize(typeCode)).orElseThrow(() -> unknownType(typeCode));
        List<String> adding = models(add);
        List<String> removing = models(remove);
        List<String> unknown = adding.stream().filter(m -> !products.exists(m)).toList();
        List<FieldError> errors = new ArrayList<>();
        if (!unknown.isEmpty()) {
            errors.add(new FieldError(addField, "known-product", "不是目录中的产品型号 no product of the catalogue: " + unknown
                    + "; known: " + products.products().stream().map(Product::model).toList()));
        }
        List<String> both = adding.stream().filter(removing::contains).toList();
        if (!both.isEmpty()) {
            errors.add(new FieldError(removeField, "add-or-remove", "同一产品不能既加上又去掉 a product is either added or removed, "
                    + "not both: " + both));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<String> before = clauses.requiringProducts(type.code());
        adding.stream().filter(m -> !before.contains(m)).forEach(m -> clauses.addRequirement(type.code(), m));
        removing.stream().filter(before::contains).forEach(m -> clauses.removeRequirement(type.code(), m));
        List<String> after = clauses.requiringProducts(type.code());
        log.info("Clause type {} required for {} by {} (added {}, removed {}; before {})", type.code(), after, userId, adding,
                removing, before);
        return after;
    }

    private static List<String> models(Collection<String> models) {
        List<String> clean = new ArrayList<>();
        for (String m : models == null ? List.<String>of() : models) {
            String model = m == null ? "" : m.strip();
            if (!model.isEmpty() && !clean.contains(model)) {
                clean.add(model);
            }
        }
        return clean;
    }

    /** The products whose quotes carry the type besides those that apply to all. */
    public List<String> requiringProducts(String typeCode) {
        return clauses.requiringProducts(type(typeCode).code());
    }

    private static String normalize(String typeCode) {
        return typeCode == null ? "" : typeCode.strip();
    }

    private NotFoundException unknownType(String typeCode) {
        return new NotFoundException("条款类型不存在 clause type '" + normalize(typeCode) + "' does not exist");
    }
}
