package org.leadtocash.quote;

import static org.leadtocash.quote.QuoteRepository.amounts;
import static org.leadtocash.quote.QuoteRepository.customer;
import static org.leadtocash.quote.QuoteRepository.date;
import static org.leadtocash.quote.QuoteRepository.instant;
import static org.leadtocash.quote.QuoteRepository.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code contract}, {@code contract_line}, {@code contract_clause}, {@code contract_review}. Writes that change what the
 * contract KPI counts (a new contract, a review, a return, the approval) move the contract's counts in
 * {@link ContractKpiSummary} in the same transaction.
 */
@Repository
class ContractRepository {
    private static final String COLUMNS = "id, quote_id, quote_revision, customer_id, customer_name, customer_credit_code, "
            + "rep_id, delivery_date, rebate_rate, net_total, tax_total, total, status, legal_returns, clause_changes, "
            + "clause_changes_confirmed_at, revision_note, process_instance_id, drafted_at, approved_at, approved_by, "
            + "clauses_current_at_approval, attachments_complete";

    private final JdbcClient jdbc;
    private final QuoteRepository quotes;
    private final ContractKpiSummary summary;

    ContractRepository(JdbcClient jdbc, QuoteRepository quotes, ContractKpiSummary summary) {
        this.jdbc = jdbc;
        this.quotes = quotes;
        this.summary = summary;
    }

    void insert(Contract c) {
        jdbc.sql("INSERT INTO contract (id, quote_id, quote_revision, customer_id, customer_name, customer_credit_code, rep_id, "
                        + "delivery_date, rebate_rate, net_total, tax_total, total, status, legal_returns, clause_changes, "
                        + "process_instance_id, drafted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")
                .params(c.id(), c.quoteId(), c.quoteRevision(), c.customerId(), c.customerName(), c.customerCreditCode(),
                        c.repId(), c.deliveryDate(), c.rebateRate(), c.netTotal(), c.taxTotal(), c.total(), c.status().name(),
                        c.clauseChanges(), c.processInstanceId(), ts(c.draftedAt()))
                .update();
        quotes.insertLines("contract_line", "contract_id", c.id(), c.lines());
        insertClauses(c.id(), c.clauses());
        summary.moved(null, summary.facts(c.id()));
    }

    private void insertClauses(String contractId, List<AttachedClause> clauses) {
        for (AttachedClause a : clauses) {
            jdbc.sql("INSERT INTO contract_clause (contract_id, type_code, product_model, type_name, clause_version_id, "
                            + "clause_version, locked, clause_text, quote_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(contractId, a.typeCode(), a.productColumn(), a.typeName(), a.versionId(), a.version(), a.locked(),
                            a.text(), a.quoteVersion())
                    .update();
        }
    }

    /**
     * The contract's clauses after locked clauses were brought to the library's latest: the clauses, the
     * changes for the rep, confirmation cleared, back in review.
     */
    void replaceClauses(String contractId, List<AttachedClause> clauses, String clauseChanges) {
        jdbc.sql("DELETE FROM contract_clause WHERE contract_id = ?").param(contractId).update();
        insertClauses(contractId, clauses);
        jdbc.sql("UPDATE contract SET clause_changes = ?, clause_changes_confirmed_at = NULL, status = ? WHERE id = ?")
                .params(clauseChanges, ContractStatus.IN_REVIEW.name(), contractId).update();
    }

    /** Contracts legal has not approved yet (in review or returned to the rep), oldest first. */
    List<String> openContractIds() {
        return jdbc.sql("SELECT id FROM contract WHERE status <> ? ORDER BY drafted_at, id")
                .param(ContractStatus.APPROVED.name()).query(String.class).list();
    }

    Optional<Contract> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE id = ?").param(id)
                .query(ContractRepository::header).optional().map(this::withDetails);
    }

    Optional<Contract> findByQuote(String quoteId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE quote_id = ?").param(quoteId)
                .query(ContractRepository::header).optional().map(this::withDetails);
    }

    /**
     * Contracts drafted in [from, to), with lines, clauses and reviews. The details come from one query per detail
     * table over the same range (not three per contract), so a 90-day KPI read costs four queries at any volume.
     */
    List<Contract> draftedBetween(Instant from, Instant to) {
        var range = Map.of("from", ts(from), "to", ts(to));
        List<Contract> headers = jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE drafted_at >= :from AND drafted_at < :to "
                        + "ORDER BY drafted_at, id")
                .params(range).query(ContractRepository::header).list();
        if (headers.isEmpty()) {
            return headers;
        }
        Map<String, List<PricedLine>> lines = grouped(jdbc.sql("SELECT l.contract_id, " + prefixed("l.", QuoteRepository.LINE_COLUMNS)
                        + " FROM contract_line l JOIN contract c ON c.id = l.contract_id"
                        + " WHERE c.drafted_at >= :from AND c.drafted_at < :to ORDER BY l.contract_id, l.line_no")
                .params(range).query((rs, n) -> Map.entry(rs.getString("contract_id"), QuoteRepository.line(rs, n))).list());
        Map<String, List<AttachedClause>> clauses = grouped(jdbc.sql("SELECT k.contract_id, k.type_code, k.product_model, "
                        + "k.type_name, k.clause_version_id, k.clause_version, k.locked, k.clause_text, k.quote_version "
                        + "FROM contract_clause k JOIN contract c ON c.id = k.contract_id"
                        + " WHERE c.drafted_at >= :from AND c.drafted_at < :to ORDER BY k.contract_id, k.type_code, k.product_model")
                .params(range).query((rs, n) -> Map.entry(rs.getString("contract_id"), clause(rs))).list());
        Map<String, List<ContractReview>> reviews = grouped(jdbc.sql("SELECT r.contract_id, r.review_round, r.decision, "
                        + "r.reason, r.reviewer, r.reviewed_at FROM contract_review r JOIN contract c ON c.id = r.contract_id"
                        + " WHERE c.drafted_at >= :from AND c.drafted_at < :to ORDER BY r.contract_id, r.review_round, r.id")
                .params(range).query((rs, n) -> Map.entry(rs.getString("contract_id"), review(rs))).list());
        return headers.stream().map(c -> c.withDetails(lines.getOrDefault(c.id(), List.of()),
                clauses.getOrDefault(c.id(), List.of()), reviews.getOrDefault(c.id(), List.of()))).toList();
    }

    /** Ids of the contracts drafted in [from, to) that legal approved, in no particular order (index-only with V23's index). */
    List<String> approvedIdsDraftedBetween(Instant from, Instant to) {
        return jdbc.sql("SELECT id FROM contract WHERE drafted_at >= ? AND drafted_at < ? AND approved_at IS NOT NULL")
                .params(ts(from), ts(to)).query(String.class).list();
    }

    /** The contracts with these ids, with their reviews (no lines or clauses): two queries for any number of ids. */
    List<Contract> withReviews(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Contract> headers = jdbc.sql("SELECT " + COLUMNS + " FROM contract WHERE id IN (:ids) ORDER BY id").param("ids", ids)
                .query(ContractRepository::header).list();
        Map<String, List<ContractReview>> reviews = grouped(jdbc.sql("SELECT contract_id, review_round, decision, reason, reviewer, "
                        + "reviewed_at FROM contract_review WHERE contract_id IN (:ids) ORDER BY contract_id, review_round, id")
                .param("ids", ids).query((rs, n) -> Map.entry(rs.getString("contract_id"), review(rs))).list());
        return headers.stream().map(c -> c.withDetails(List.of(), List.of(), reviews.getOrDefault(c.id(), List.of()))).toList();
    }

    private static String prefixed(String alias, String columns) {
        return alias + columns.replace(", ", ", " + alias);
    }

    /** Rows keyed by contract id, in query order within each contract. */
    private static <T> Map<String, List<T>> grouped(List<Map.Entry<String, T>> rows) {
        Map<String, List<T>> byContract = new HashMap<>();
        for (Map.Entry<String, T> row : rows) {
            byContract.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue());
        }
        return byContract;
    }

    void updatePricing(String contractId, LocalDate deliveryDate, List<PricedLine> lines, TaxMath.Amounts totals,
                       String revisionNote) {
        jdbc.sql("UPDATE contract SET delivery_date = ?, net_total = ?, tax_total = ?, total = ?, revision_note = ?, "
                        + "status = ? WHERE id = ?")
                .params(deliveryDate, totals.net(), totals.tax(), totals.total(), revisionNote,
                        ContractStatus.IN_REVIEW.name(), contractId)
                .update();
        quotes.replaceLines("contract_line", "contract_id", contractId, lines);
    }

    void confirmClauseChanges(String contractId, Instant at) {
        jdbc.sql("UPDATE contract SET clause_changes_confirmed_at = ? WHERE id = ?").params(ts(at), contractId).update();
    }

    void insertReview(String contractId, int round, QuoteToInvoiceProcess.ReviewDecision decision, String reason,
                      String reviewer, Instant at) {
        ContractKpiSummary.Facts before = summary.facts(contractId);
        jdbc.sql("INSERT INTO contract_review (contract_id, review_round, decision, reason, reviewer, reviewed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(contractId, round, decision.name(), reason, reviewer, ts(at)).update();
        summary.moved(before, summary.facts(contractId));
    }

    void markReturned(String contractId) {
        ContractKpiSummary.Facts before = summary.facts(contractId);
        jdbc.sql("UPDATE contract SET status = ?, legal_returns = legal_returns + 1 WHERE id = ?")
                .params(ContractStatus.RETURNED.name(), contractId).update();
        summary.moved(before, summary.facts(contractId));
    }

    void markApproved(String contractId, String approver, Instant at, boolean clausesCurrent, boolean attachmentsComplete) {
        ContractKpiSummary.Facts before = summary.facts(contractId);
        jdbc.sql("UPDATE contract SET status = ?, approved_at = ?, approved_by = ?, clauses_current_at_approval = ?, "
                        + "attachments_complete = ? WHERE id = ?")
                .params(ContractStatus.APPROVED.name(), ts(at), approver, clausesCurrent, attachmentsComplete, contractId)
                .update();
        summary.moved(before, summary.facts(contractId));
    }

    List<ContractReview> reviews(String contractId) {
        return jdbc.sql("SELECT review_round, decision, reason, reviewer, reviewed_at FROM contract_review "
                        + "WHERE contract_id = ? ORDER BY review_round, id")
                .param(contractId)
                .query((rs, n) -> review(rs))
                .list();
    }

    private static ContractReview review(ResultSet rs) throws SQLException {
        return new ContractReview(rs.getInt("review_round"),
                QuoteToInvoiceProcess.ReviewDecision.valueOf(rs.getString("decision")), rs.getString("reason"),
                rs.getString("reviewer"), instant(rs, "reviewed_at"));
    }

    List<AttachedClause> clauses(String contractId) {
        return jdbc.sql("SELECT type_code, product_model, type_name, clause_version_id, clause_version, locked, clause_text, "
                        + "quote_version FROM contract_clause WHERE contract_id = ? ORDER BY type_code, product_model")
                .param(contractId)
                .query((rs, n) -> clause(rs))
                .list();
    }

    private static AttachedClause clause(ResultSet rs) throws SQLException {
        int qv = rs.getInt("quote_version");
        Integer quoteVersion = rs.wasNull() ? null : qv;
        return new AttachedClause(rs.getString("type_code"), rs.getString("type_name"),
                rs.getLong("clause_version_id"), rs.getInt("clause_version"), rs.getBoolean("locked"),
                rs.getString("clause_text"), quoteVersion, AttachedClause.productFromColumn(rs.getString("product_model")));
    }

    private Contract withDetails(Contract c) {
        return c.withDetails(quotes.lines("contract_line", "contract_id", c.id()), clauses(c.id()), reviews(c.id()));
    }

    private static Contract header(ResultSet rs, int row) throws SQLException {
        return new Contract(rs.getString("id"), rs.getString("quote_id"), rs.getInt("quote_revision"), customer(rs),
                rs.getString("rep_id"), date(rs, "delivery_date"), rs.getBigDecimal("rebate_rate"),
                amounts(rs, "net_total", "tax_total", "total"), ContractStatus.valueOf(rs.getString("status")),
                rs.getInt("legal_returns"), rs.getString("clause_changes"), instant(rs, "clause_changes_confirmed_at"),
                rs.getString("revision_note"), rs.getString("process_instance_id"), instant(rs, "drafted_at"), approval(rs),
                List.of(), List.of(), List.of());
    }

    /** Null until legal approved (markApproved sets the four columns together). */
    private static Contract.Approval approval(ResultSet rs) throws SQLException {
        Instant at = instant(rs, "approved_at");
        return at == null ? null : new Contract.Approval(at, rs.getString("approved_by"),
                bool(rs, "clauses_current_at_approval"), bool(rs, "attachments_complete"));
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean b = rs.getBoolean(column);
        return rs.wasNull() ? null : b;
    }
}
