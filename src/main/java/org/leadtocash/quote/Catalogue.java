package org.leadtocash.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The product catalogue quotes are made from. The catalogue owner is group {@code regional-director} (区域总监): prices
 * and the range are a sales decision; which clauses a product needs is legal's ({@link ClauseLibrary#saveType}). A
 * product is retired, never deleted, so quotes and contracts that name it stay readable.
 */
@Service
class Catalogue {
    /** The group that adds, changes and retires products. */
    public static final String OWNER_GROUP = Groups.REGIONAL_DIRECTOR;
    static final String OWNER_RULE = "只有区域总监组(regional-director)可以维护产品目录 only members of group 'regional-director' "
            + "may add, change or retire products";
    /** The VAT rates a product may have: goods, transport/installation, services. */
    static final Set<BigDecimal> VAT_RATES = Set.of(new BigDecimal("0.13"), new BigDecimal("0.09"), new BigDecimal("0.06"));

    private static final Logger log = LoggerFactory.getLogger(Catalogue.class);

    private final CatalogueRepository products;

    public Catalogue(CatalogueRepository products) {
        this.products = products;
    }

    /** Every product, inactive ones included (see {@link Product#active()}), ordered by model. */
    public List<Product> products() {
        return products.products();
    }

    /** @throws NotFoundException if no product has the model */
    public Product product(String model) {
        if (model == null || model.isBlank()) {
            throw new NotFoundException("product model is empty");
        }
        return products.product(model.strip())
                .orElseThrow(() -> new NotFoundException("产品型号不存在 product model '" + model.strip() + "' does not exist"));
    }

    /** What the catalogue owner enters; a null field of an existing product keeps its value. */
    record ProductChange(String model, String name, BigDecimal unitPriceCny, BigDecimal vatRate, Boolean active) {
    }

    /**
     * Adds a product or changes one. Price: tax inclusive, 0 or more, at most two decimals (fen); VAT 13 %, 9 % or 6 %.
     *
     * @throws AccessDeniedException unless the user is in {@link #OWNER_GROUP}
     * @throws InvalidInputException naming {@code model}, {@code name}, {@code unitPriceCny} or {@code vatRate}
     */
    @Transactional
    public Product save(ProductChange change, String userId, Collection<String> userGroups) {
        requireOwner(userId, userGroups);
        List<FieldError> errors = new ArrayList<>();
        String model = change.model() == null ? "" : change.model().strip();
        if (model.isEmpty()) {
            errors.add(new FieldError("model", "required", "产品型号必填 is required"));
        } else if (!model.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}")) {
            errors.add(new FieldError("model", "pattern", "产品型号只能用字母、数字、点、横线和下划线，最多40个字符 must be up to 40 letters, "
                    + "digits, '.', '-' or '_', e.g. JM-200; was '" + model + "'"));
        }
        Product existing = model.isEmpty() ? null : products.product(model).orElse(null);
        String name = change.name() == null ? null : change.name().strip();
        if ((name == null || name.isEmpty()) && existing == null) {
            errors.add(new FieldError("name", "required", "产品名称必填 is required, e.g. 精密注塑模具"));
        } else if (name != null && name.length() > 200) {
            errors.add(new FieldError("name", "max-length", "产品名称最多200字 must be at most 200 characters, was " + name.length()));
        }
        BigDecimal price = change.unitPriceCny();
        if (price == null && existing == null) {
            errors.add(new FieldError("unitPriceCny", "required", "含税单价必填 tax-inclusive unit price is required"));
        } else if (price != null && price.signum() < 0) {
            errors.add(new FieldError("unitPriceCny", "not-negative", "含税单价不能为负 must be 0 or more, was " + price.toPlainString()));
        } else if (price != null && price.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("unitPriceCny", "fen", "含税单价最多两位小数（分） must have at most two decimals, was "
                    + price.toPlainString()));
        } else if (price != null && price.compareTo(new BigDecimal("999999999999.99")) > 0) {
            errors.add(new FieldError("unitPriceCny", "max", "含税单价过大 must be at most 999999999999.99"));
        }
        BigDecimal rate = change.vatRate();
        if (rate == null && existing == null) {
            errors.add(new FieldError("vatRate", "required", "增值税税率必填 VAT rate is required: 0.13, 0.09 or 0.06"));
        } else if (rate != null && VAT_RATES.stream().noneMatch(r -> r.compareTo(rate) == 0)) {
            errors.add(new FieldError("vatRate", "vat-rate", "增值税税率只能是13%、9%或6% must be 0.13 (goods), 0.09 (transport, "
                    + "installation) or 0.06 (services), was " + rate.toPlainString()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Product saved = new Product(model, name == null || name.isEmpty() ? existing.name() : name,
                price != null ? price.setScale(2, RoundingMode.UNNECESSARY) : existing.unitPriceCny(),
                rate != null ? rate.setScale(2, RoundingMode.UNNECESSARY) : existing.vatRate(),
                existing == null ? List.of() : existing.clauseTypes(),
                change.active() != null ? change.active() : existing == null || existing.active());
        if (existing == null) {
            products.insert(saved);
        } else {
            products.update(saved);
        }
        log.info("Product {} {} by {}: {} ¥{} VAT {} active {}", model, existing == null ? "added" : "changed", userId,
                saved.name(), saved.unitPriceCny(), saved.vatRate(), saved.active());
        return product(model);
    }

    /** Retires a product: no new quote can take it; quotes and contracts that name it keep it. */
    @Transactional
    public Product retire(String model, String userId, Collection<String> userGroups) {
        requireOwner(userId, userGroups);
        Product p = product(model);
        products.update(new Product(p.model(), p.name(), p.unitPriceCny(), p.vatRate(), p.clauseTypes(), false));
        log.info("Product {} retired by {}", p.model(), userId);
        return product(model);
    }

    private static void requireOwner(String userId, Collection<String> groups) {
        if (userId == null || userId.isBlank() || groups == null || !groups.contains(OWNER_GROUP)) {
            throw new AccessDeniedException(OWNER_RULE);
        }
    }
}
