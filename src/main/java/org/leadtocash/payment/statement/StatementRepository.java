package org.leadtocash.payment.statement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.leadtocash.shared.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The import log, the line-by-line reports and the ledger of applied bank transactions (V7). */
@Repository
class StatementRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMPORT_COLUMNS = "id, statement_id, account, format, file_name, charset, sha256, size_bytes, status, "
            + "line_count, matched_count, unmatched_count, duplicate_count, mismatch_count, invalid_count, failed_count, applied_total, "
            + "imported_by, imported_at, completed_at";
    private final JdbcClient jdbc;

    StatementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A bank transaction already applied to a journey. */
    record LedgerEntry(String transactionId, String importId, int lineNo, String invoiceNo, String journeyId, BigDecimal amount,
            LocalDate valueDate) {
    }

    void insertImport(String id, ParsedStatement statement, String fileName, String sha256, long size, String importedBy, Instant at) {
        jdbc.sql("INSERT INTO bank_statement_import (id, statement_id, account, format, file_name, charset, sha256, size_bytes, status, "
                        + "line_count, imported_by, imported_at) VALUES (:id, :statementId, :account, :format, :fileName, :charset, :sha, "
                        + ":size, :status, :lines, :by, :at)")
                .param("id", id).param("statementId", statement.statementId()).param("account", statement.account())
                .param("format", statement.format().name()).param("fileName", cut(fileName, 255)).param("charset", statement.charset())
                .param("sha", sha256).param("size", size).param("status", StatementImportReport.IN_PROGRESS)
                .param("lines", statement.lines().size()).param("by", importedBy).param("at", timestamp(at))
                .update();
    }

    void completeImport(String id, StatementImportReport.Summary s, Instant at) {
        jdbc.sql("UPDATE bank_statement_import SET status = :status, matched_count = :matched, unmatched_count = :unmatched, "
                        + "duplicate_count = :duplicate, mismatch_count = :mismatch, invalid_count = :invalid, failed_count = :failed, "
                        + "applied_total = :total, completed_at = :at WHERE id = :id")
                .param("status", StatementImportReport.COMPLETED).param("matched", s.matched()).param("unmatched", s.unmatched())
                .param("duplicate", s.duplicate()).param("mismatch", s.amountMismatch()).param("invalid", s.invalid())
                .param("failed", s.failed()).param("total", s.appliedTotal()).param("at", timestamp(at)).param("id", id)
                .update();
    }

    void insertLine(String importId, StatementLineReport l) {
        jdbc.sql("INSERT INTO bank_statement_line (import_id, line_no, transaction_id, value_date, payer_name, payer_account, amount, "
                        + "currency, memo, invoice_no, outcome, reason, message, journey_id, applied, outstanding, paid_in_full, exceeds_by, "
                        + "duplicate_of_import, duplicate_of_line, errors_json) VALUES (:importId, :lineNo, :txn, :valueDate, :payerName, "
                        + ":payerAccount, :amount, :currency, :memo, :invoiceNo, :outcome, :reason, :message, :journeyId, :applied, "
                        + ":outstanding, :paidInFull, :exceedsBy, :dupImport, :dupLine, :errors)")
                .param("importId", importId).param("lineNo", l.lineNo()).param("txn", cut(l.transactionId(), 100))
                .param("valueDate", cut(l.valueDate(), 40)).param("payerName", cut(l.payerName(), 200))
                .param("payerAccount", cut(l.payerAccount(), 64)).param("amount", cut(l.amount(), 40))
                .param("currency", cut(l.currency(), 10)).param("memo", cut(l.memo(), 500)).param("invoiceNo", cut(l.invoiceNo(), 64))
                .param("outcome", l.outcome().name()).param("reason", l.reason().name()).param("message", cut(l.message(), 1000))
                .param("journeyId", l.journeyId()).param("applied", l.applied()).param("outstanding", l.outstanding())
                .param("paidInFull", l.paidInFull()).param("exceedsBy", l.exceedsBy())
                .param("dupImport", l.duplicateOfImport()).param("dupLine", l.duplicateOfLine())
                .param("errors", l.errors().isEmpty() ? null : errorsJson(l.errors()))
                .update();
    }

    Optional<LedgerEntry> ledger(String transactionId) {
        return jdbc.sql("SELECT transaction_id, import_id, line_no, invoice_no, journey_id, amount, value_date FROM bank_receipt_ledger "
                        + "WHERE transaction_id = :txn")
                .param("txn", transactionId)
                .query((rs, row) -> new LedgerEntry(rs.getString("transaction_id"), rs.getString("import_id"), rs.getInt("line_no"),
                        rs.getString("invoice_no"), rs.getString("journey_id"), rs.getBigDecimal("amount"),
                        rs.getObject("value_date", LocalDate.class)))
                .optional();
    }

    /** Claims the transaction id for this import; {@link org.springframework.dao.DuplicateKeyException} if it is taken. */
    void insertLedger(String transactionId, String importId, int lineNo, String invoiceNo, String journeyId, BigDecimal amount,
            LocalDate valueDate, String appliedBy, Instant at) {
        jdbc.sql("INSERT INTO bank_receipt_ledger (transaction_id, import_id, line_no, invoice_no, journey_id, amount, value_date, "
                        + "applied_by, applied_at) VALUES (:txn, :importId, :lineNo, :invoiceNo, :journeyId, :amount, :valueDate, :by, :at)")
                .param("txn", transactionId).param("importId", importId).param("lineNo", lineNo).param("invoiceNo", invoiceNo)
                .param("journeyId", journeyId).param("amount", amount).param("valueDate", valueDate).param("by", appliedBy)
                .param("at", timestamp(at))
                .update();
    }

    /** Earlier imports of a byte-identical file, oldest first. */
    List<String> importsOfSameFileBefore(String sha256, Instant importedAt, String exceptId) {
        return jdbc.sql("SELECT id FROM bank_statement_import WHERE sha256 = :sha AND id <> :id AND imported_at <= :at "
                        + "ORDER BY imported_at, id")
                .param("sha", sha256).param("id", exceptId).param("at", timestamp(importedAt)).query(String.class).list();
    }

    Optional<StatementImportReport> find(String importId) {
        return jdbc.sql("SELECT " + IMPORT_COLUMNS + " FROM bank_statement_import WHERE id = :id").param("id", importId)
                .query((rs, row) -> header(rs, null, null)).optional()
                .map(h -> new StatementImportReport(h.importId(), h.statementId(), h.account(), h.format(), h.fileName(), h.charset(),
                        h.sha256(), h.sizeBytes(), h.status(), h.importedBy(), h.importedAt(), h.completedAt(),
                        importsOfSameFileBefore(h.sha256(), h.importedAt(), h.importId()), h.summary(), lines(importId)));
    }

    /** The latest imports, newest first, without their lines. */
    List<StatementImportReport> recent(int limit) {
        return jdbc.sql("SELECT " + IMPORT_COLUMNS + " FROM bank_statement_import ORDER BY imported_at DESC, id DESC LIMIT :limit")
                .param("limit", limit).query((rs, row) -> header(rs, null, null)).list();
    }

    private List<StatementLineReport> lines(String importId) {
        return jdbc.sql("SELECT * FROM bank_statement_line WHERE import_id = :id ORDER BY line_no").param("id", importId)
                .query(StatementRepository::line).list();
    }

    private static StatementImportReport header(ResultSet rs, List<String> sameFile, List<StatementLineReport> lines) throws SQLException {
        var summary = new StatementImportReport.Summary(rs.getInt("line_count"), rs.getInt("matched_count"), rs.getInt("unmatched_count"),
                rs.getInt("duplicate_count"), rs.getInt("mismatch_count"), rs.getInt("invalid_count"), rs.getInt("failed_count"),
                rs.getBigDecimal("applied_total"));
        OffsetDateTime completed = rs.getObject("completed_at", OffsetDateTime.class);
        return new StatementImportReport(rs.getString("id"), rs.getString("statement_id"), rs.getString("account"),
                StatementFormat.valueOf(rs.getString("format")), rs.getString("file_name"), rs.getString("charset"), rs.getString("sha256"),
                rs.getLong("size_bytes"), rs.getString("status"), rs.getString("imported_by"),
                rs.getObject("imported_at", OffsetDateTime.class).toInstant(), completed == null ? null : completed.toInstant(),
                sameFile, summary, lines);
    }

    private static StatementLineReport line(ResultSet rs, int row) throws SQLException {
        boolean paid = rs.getBoolean("paid_in_full");
        Boolean paidInFull = rs.wasNull() ? null : paid;
        int dupLine = rs.getInt("duplicate_of_line");
        Integer duplicateOfLine = rs.wasNull() ? null : dupLine;
        return new StatementLineReport(rs.getInt("line_no"), rs.getString("transaction_id"), rs.getString("value_date"),
                rs.getString("payer_name"), rs.getString("payer_account"), rs.getString("amount"), rs.getString("currency"),
                rs.getString("memo"), rs.getString("invoice_no"), LineOutcome.valueOf(rs.getString("outcome")),
                LineReason.valueOf(rs.getString("reason")), rs.getString("message"), rs.getString("journey_id"),
                rs.getBigDecimal("applied"), rs.getBigDecimal("outstanding"), paidInFull, rs.getBigDecimal("exceeds_by"),
                rs.getString("duplicate_of_import"), duplicateOfLine, errors(rs.getString("errors_json")));
    }

    private static String errorsJson(List<FieldError> errors) {
        try {
            List<FieldError> kept = errors;
            String json = JSON.writeValueAsString(kept);
            while (json.length() > 4000 && kept.size() > 1) {
                kept = kept.subList(0, kept.size() - 1);
                json = JSON.writeValueAsString(kept);
            }
            return json.length() <= 4000 ? json : "[]";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<FieldError> errors(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<FieldError>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable errors_json", e);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
