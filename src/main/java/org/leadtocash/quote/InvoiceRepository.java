package org.leadtocash.quote;

import static org.leadtocash.quote.QuoteRepository.amounts;
import static org.leadtocash.quote.QuoteRepository.customer;
import static org.leadtocash.quote.QuoteRepository.date;
import static org.leadtocash.quote.QuoteRepository.instant;
import static org.leadtocash.quote.QuoteRepository.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code invoice_request}, {@code invoice_line}, {@code invoice_handoff_verdict}, {@code invoice_fix}. A recorded U8
 * verdict is counted in {@link ContractKpiSummary} in the same transaction.
 */
@Repository
class InvoiceRepository {
    private static final String COLUMNS = "id, contract_id, quote_id, customer_id, customer_name, customer_credit_code, rep_id, "
            + "net_amount, tax_amount, total_amount, bank_name, bank_account, seller_tax_number, invoice_date, status, created_at";

    /** One U8 verdict as recorded. */
    record Verdict(String invoiceRequestId, String outcome, String errcode, String errmsg, Instant recordedAt) {
    }

    private final JdbcClient jdbc;
    private final ContractKpiSummary summary;

    InvoiceRepository(JdbcClient jdbc, ContractKpiSummary summary) {
        this.jdbc = jdbc;
        this.summary = summary;
    }

    void insert(InvoiceRequest r, String processInstanceId) {
        jdbc.sql("INSERT INTO invoice_request (" + COLUMNS + ", process_instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.contractId(), r.quoteId(), r.customerId(), r.customerName(), r.customerCreditCode(),
                        r.repId(), r.netAmount(), r.taxAmount(), r.totalAmount(), r.bankName(), r.bankAccount(),
                        r.sellerTaxNumber(), r.invoiceDate(), r.status(), ts(r.createdAt()), processInstanceId)
                .update();
        for (InvoiceLine l : r.lines()) {
            jdbc.sql("INSERT INTO invoice_line (invoice_request_id, line_no, product_model, product_name, quantity, tax_rate, "
                            + "unit_price_incl_tax, net_amount, tax_amount, total_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(r.id(), l.lineNo(), l.productModel(), l.productName(), l.quantity(), l.taxRate(),
                            l.unitPriceInclTax(), l.netAmount(), l.taxAmount(), l.totalAmount())
                    .update();
        }
    }

    Optional<InvoiceRequest> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invoice_request WHERE id = ?").param(id)
                .query((rs, n) -> request(rs, List.of())).optional()
                .map(r -> r.withLines(lines(r.id())));
    }

    Optional<String> idOfContract(String contractId) {
        return jdbc.sql("SELECT id FROM invoice_request WHERE contract_id = ?").param(contractId).query(String.class).optional();
    }

    List<InvoiceLine> lines(String id) {
        return jdbc.sql("SELECT line_no, product_model, product_name, quantity, tax_rate, unit_price_incl_tax, net_amount, "
                        + "tax_amount, total_amount FROM invoice_line WHERE invoice_request_id = ? ORDER BY line_no")
                .param(id)
                .query((rs, n) -> new InvoiceLine(rs.getInt("line_no"), rs.getString("product_model"),
                        rs.getString("product_name"), rs.getBigDecimal("quantity"), rs.getBigDecimal("tax_rate"),
                        rs.getBigDecimal("unit_price_incl_tax"), rs.getBigDecimal("net_amount"),
                        rs.getBigDecimal("tax_amount"), rs.getBigDecimal("total_amount")))
                .list();
    }

    void recordVerdict(String id, String outcome, String errcode, String errmsg, String tradeId, String voucherId, Instant at) {
        jdbc.sql("INSERT INTO invoice_handoff_verdict (invoice_request_id, outcome, errcode, errmsg, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(id, outcome, errcode, errmsg, ts(at)).update();
        summary.verdict(outcome, at);
        boolean rejected = "REJECTED".equals(outcome);
        jdbc.sql("UPDATE invoice_request SET status = ?, last_error = ?, u8_trade_id = COALESCE(?, u8_trade_id), "
                        + "u8_voucher_id = COALESCE(?, u8_voucher_id), handed_off_at = ? WHERE id = ?")
                .params(outcome, rejected ? truncate(errcode + " " + errmsg, 1000) : null, tradeId, voucherId,
                        rejected ? null : ts(at), id)
                .update();
    }

    List<Verdict> verdictsBetween(Instant from, Instant to) {
        return jdbc.sql("SELECT invoice_request_id, outcome, errcode, errmsg, recorded_at FROM invoice_handoff_verdict "
                        + "WHERE recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, id")
                .params(ts(from), ts(to))
                .query((rs, n) -> new Verdict(rs.getString("invoice_request_id"), rs.getString("outcome"),
                        rs.getString("errcode"), rs.getString("errmsg"), instant(rs, "recorded_at")))
                .list();
    }

    void fix(String id, String customerName, String creditCode, String bankName, String bankAccount, String fixedBy,
             Instant at, String changes, String note) {
        jdbc.sql("UPDATE invoice_request SET customer_name = ?, customer_credit_code = ?, bank_name = ?, bank_account = ? "
                        + "WHERE id = ?")
                .params(customerName, creditCode, bankName, bankAccount, id).update();
        jdbc.sql("INSERT INTO invoice_fix (invoice_request_id, fixed_by, fixed_at, changes, note) VALUES (?, ?, ?, ?, ?)")
                .params(id, fixedBy, ts(at), truncate(changes, 2000), note).update();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static InvoiceRequest request(ResultSet rs, List<InvoiceLine> lines) throws SQLException {
        return new InvoiceRequest(rs.getString("id"), rs.getString("contract_id"), rs.getString("quote_id"), customer(rs),
                rs.getString("rep_id"), amounts(rs, "net_amount", "tax_amount", "total_amount"), rs.getString("bank_name"),
                rs.getString("bank_account"), rs.getString("seller_tax_number"), date(rs, "invoice_date"), lines, rs.getString("status"),
                instant(rs, "created_at"));
    }
}
