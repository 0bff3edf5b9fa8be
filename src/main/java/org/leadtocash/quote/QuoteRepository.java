package org.leadtocash.quote;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code quote}, {@code quote_line}, {@code quote_clause} and {@code clause_tamper_attempt}. */
@Repository
class QuoteRepository {
    private static final String COLUMNS = "id, revision, customer_id, customer_name, customer_credit_code, customer_tier, "
            + "rep_id, lead_id, quote_date, delivery_date, rebate_rate, net_total, tax_total, total, status, answer_note, "
            + "process_instance_id, created_at, updated_at, answered_at";
    static final String LINE_COLUMNS = "line_no, product_model, product_name, quantity, list_price, unit_price_incl_tax, "
            + "vat_rate, net_amount, tax_amount, total_amount";

    private final JdbcClient jdbc;

    QuoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Quote q) {
        jdbc.sql("INSERT INTO quote (" + COLUMNS + ") VALUES (:id, :revision, :customerId, :customerName, :creditCode, "
                        + ":tier, :repId, :leadId, :quoteDate, :deliveryDate, :rebate, :net, :tax, :total, :status, :note, "
                        + ":pi, :createdAt, :updatedAt, :answeredAt)")
                .param("id", q.id()).param("revision", q.revision()).param("customerId", q.customerId())
                .param("customerName", q.customerName()).param("creditCode", q.customerCreditCode())
                .param("tier", q.customerTier()).param("repId", q.repId()).param("leadId", q.leadId())
                .param("quoteDate", q.quoteDate()).param("deliveryDate", q.deliveryDate()).param("rebate", q.rebateRate())
                .param("net", q.netTotal()).param("tax", q.taxTotal()).param("total", q.total())
                .param("status", q.status().name()).param("note", q.answerNote()).param("pi", q.processInstanceId())
                .param("createdAt", ts(q.createdAt())).param("updatedAt", ts(q.updatedAt()))
                .param("answeredAt", ts(q.answeredAt()))
                .update();
        insertLines("quote_line", "quote_id", q.id(), q.lines());
        for (AttachedClause c : q.clauses()) {
            jdbc.sql("INSERT INTO quote_clause (quote_id, type_code, product_model, type_name, clause_version_id, clause_version, "
                            + "locked, clause_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(q.id(), c.typeCode(), c.productColumn(), c.typeName(), c.versionId(), c.version(), c.locked(),
                            c.text()).update();
        }
    }

    void insertLines(String table, String keyColumn, String key, List<PricedLine> lines) {
        for (PricedLine l : lines) {
            jdbc.sql("INSERT INTO " + table + " (" + keyColumn + ", " + LINE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(key, l.lineNo(), l.productModel(), l.productName(), l.quantity(), l.listPrice(),
                            l.unitPriceInclTax(), l.vatRate(), l.netAmount(), l.taxAmount(), l.totalAmount())
                    .update();
        }
    }

    void replaceLines(String table, String keyColumn, String key, List<PricedLine> lines) {
        jdbc.sql("DELETE FROM " + table + " WHERE " + keyColumn + " = ?").param(key).update();
        insertLines(table, keyColumn, key, lines);
    }

    Optional<Quote> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM quote WHERE id = :id").param("id", id)
                .query((rs, n) -> quote(rs, List.of(), List.of())).optional()
                .map(this::withDetails);
    }

    /** Quotes of one rep (null = all), newest first. */
    List<Quote> list(String repId, int limit) {
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM quote" + (repId == null ? "" : " WHERE rep_id = :rep")
                + " ORDER BY created_at DESC, id FETCH FIRST " + limit + " ROWS ONLY");
        if (repId != null) {
            spec = spec.param("rep", repId);
        }
        return spec.query((rs, n) -> quote(rs, List.of(), List.of())).list().stream().map(this::withDetails).toList();
    }

    private Quote withDetails(Quote q) {
        return q.withDetails(lines("quote_line", "quote_id", q.id()), clauses(q.id()));
    }

    List<PricedLine> lines(String table, String keyColumn, String key) {
        return jdbc.sql("SELECT " + LINE_COLUMNS + " FROM " + table + " WHERE " + keyColumn + " = ? ORDER BY line_no")
                .param(key).query(QuoteRepository::line).list();
    }

    List<AttachedClause> clauses(String quoteId) {
        return jdbc.sql("SELECT type_code, product_model, type_name, clause_version_id, clause_version, locked, clause_text "
                        + "FROM quote_clause WHERE quote_id = ? ORDER BY type_code, product_model")
                .param(quoteId)
                .query((rs, n) -> new AttachedClause(rs.getString("type_code"), rs.getString("type_name"),
                        rs.getLong("clause_version_id"), rs.getInt("clause_version"), rs.getBoolean("locked"),
                        rs.getString("clause_text"), null, AttachedClause.productFromColumn(rs.getString("product_model"))))
                .list();
    }

    void updatePricing(String quoteId, LocalDate deliveryDate, List<PricedLine> lines, TaxMath.Amounts totals, Instant at) {
        jdbc.sql("UPDATE quote SET delivery_date = ?, net_total = ?, tax_total = ?, total = ?, updated_at = ? WHERE id = ?")
                .params(deliveryDate, totals.net(), totals.tax(), totals.total(), ts(at), quoteId).update();
        replaceLines("quote_line", "quote_id", quoteId, lines);
    }

    void answer(String quoteId, QuoteStatus status, String note, Instant at) {
        jdbc.sql("UPDATE quote SET status = ?, answer_note = ?, answered_at = ?, updated_at = ? WHERE id = ?")
                .params(status.name(), note, ts(at), ts(at), quoteId).update();
    }

    void newRevision(String quoteId, String note, Instant at) {
        jdbc.sql("UPDATE quote SET revision = revision + 1, status = ?, answer_note = ?, updated_at = ? WHERE id = ?")
                .params(QuoteStatus.OPEN.name(), note, ts(at), quoteId).update();
    }

    // --- clause tamper attempts ---

    void insertTamperAttempt(String quoteId, String contractId, String clauseType, boolean locked, String actor,
                             ClauseTamperAttempt.Channel channel, String field, Instant at) {
        jdbc.sql("INSERT INTO clause_tamper_attempt (quote_id, contract_id, clause_type, locked, actor, channel, field, "
                        + "attempted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(quoteId, contractId, clauseType, locked, actor, channel.name(), field, ts(at)).update();
    }

    List<ClauseTamperAttempt> tamperAttempts(String quoteId) {
        return jdbc.sql("SELECT id, quote_id, contract_id, clause_type, locked, actor, channel, field, attempted_at "
                        + "FROM clause_tamper_attempt" + (quoteId == null ? "" : " WHERE quote_id = :q")
                        + " ORDER BY attempted_at, id FETCH FIRST 1000 ROWS ONLY")
                .params(quoteId == null ? java.util.Map.of() : java.util.Map.of("q", quoteId))
                .query((rs, n) -> new ClauseTamperAttempt(rs.getLong("id"), rs.getString("quote_id"),
                        rs.getString("contract_id"), rs.getString("clause_type"), rs.getBoolean("locked"),
                        rs.getString("actor"), ClauseTamperAttempt.Channel.valueOf(rs.getString("channel")),
                        rs.getString("field"), instant(rs, "attempted_at")))
                .list();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        var d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    static PricedLine line(ResultSet rs, int row) throws SQLException {
        return new PricedLine(rs.getInt("line_no"), rs.getString("product_model"), rs.getString("product_name"),
                rs.getBigDecimal("quantity"), rs.getBigDecimal("list_price"), rs.getBigDecimal("unit_price_incl_tax"),
                rs.getBigDecimal("vat_rate"), rs.getBigDecimal("net_amount"), rs.getBigDecimal("tax_amount"),
                rs.getBigDecimal("total_amount"));
    }

    private static Quote quote(ResultSet rs, List<PricedLine> lines, List<AttachedClause> clauses) throws SQLException {
        return new Quote(rs.getString("id"), rs.getInt("revision"), customer(rs), rs.getString("customer_tier"),
                rs.getString("rep_id"), rs.getString("lead_id"), date(rs, "quote_date"), date(rs, "delivery_date"),
                rs.getBigDecimal("rebate_rate"), amounts(rs, "net_total", "tax_total", "total"),
                QuoteStatus.valueOf(rs.getString("status")), rs.getString("answer_note"), rs.getString("process_instance_id"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "answered_at"), lines, clauses);
    }

    /** The customer_id, customer_name and customer_credit_code columns of quote, contract and invoice_request. */
    static CustomerRef customer(ResultSet rs) throws SQLException {
        return new CustomerRef(rs.getString("customer_id"), rs.getString("customer_name"), rs.getString("customer_credit_code"));
    }

    static TaxMath.Amounts amounts(ResultSet rs, String net, String tax, String total) throws SQLException {
        return new TaxMath.Amounts(rs.getBigDecimal(net), rs.getBigDecimal(tax), rs.getBigDecimal(total));
    }
}
