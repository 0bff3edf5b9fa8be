package org.leadtocash.quote;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code product} and {@code product_clause_type}. */
@Repository
class CatalogueRepository {
    private final JdbcClient jdbc;

    CatalogueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Product> products() {
        return assemble(jdbc.sql("SELECT model, name, unit_price_cny, vat_rate, active FROM product ORDER BY model")
                .query(CatalogueRepository::row).list());
    }

    Optional<Product> product(String model) {
        return assemble(jdbc.sql("SELECT model, name, unit_price_cny, vat_rate, active FROM product WHERE model = :model")
                .param("model", model).query(CatalogueRepository::row).list()).stream().findFirst();
    }

    boolean exists(String model) {
        return jdbc.sql("SELECT COUNT(*) FROM product WHERE model = :model").param("model", model)
                .query(Integer.class).single() > 0;
    }

    void insert(Product p) {
        jdbc.sql("INSERT INTO product (model, name, unit_price_cny, vat_rate, active) VALUES (:model, :name, :price, :rate, :active)")
                .param("model", p.model()).param("name", p.name()).param("price", p.unitPriceCny())
                .param("rate", p.vatRate()).param("active", p.active()).update();
        for (String type : p.clauseTypes()) {
            jdbc.sql("INSERT INTO product_clause_type (product_model, clause_type) VALUES (:model, :type)")
                    .param("model", p.model()).param("type", type).update();
        }
    }

    /** Name, price, VAT rate and active flag; the product's clause types are legal's and stay. */
    void update(Product p) {
        jdbc.sql("UPDATE product SET name = :name, unit_price_cny = :price, vat_rate = :rate, active = :active WHERE model = :model")
                .param("model", p.model()).param("name", p.name()).param("price", p.unitPriceCny())
                .param("rate", p.vatRate()).param("active", p.active()).update();
    }

    private List<Product> assemble(List<ProductRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> types = new LinkedHashMap<>();
        JdbcClient.StatementSpec spec = rows.size() == 1
                ? jdbc.sql("SELECT product_model, clause_type FROM product_clause_type WHERE product_model = :model "
                        + "ORDER BY clause_type").param("model", rows.get(0).model())
                : jdbc.sql("SELECT product_model, clause_type FROM product_clause_type ORDER BY product_model, clause_type");
        spec.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> types.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(r -> new Product(r.model(), r.name(), r.unitPrice(), r.vatRate(),
                types.getOrDefault(r.model(), List.of()), r.active())).toList();
    }

    private record ProductRow(String model, String name, BigDecimal unitPrice, BigDecimal vatRate, boolean active) {
    }

    private static ProductRow row(ResultSet rs, int n) throws SQLException {
        return new ProductRow(rs.getString("model"), rs.getString("name"), rs.getBigDecimal("unit_price_cny").setScale(2),
                rs.getBigDecimal("vat_rate").setScale(2), rs.getBoolean("active"));
    }
}
