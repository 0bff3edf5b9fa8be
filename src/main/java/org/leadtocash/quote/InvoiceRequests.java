package org.leadtocash.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.leadtocash.company.CompanyDetails;
import org.leadtocash.company.CompanyProfile;
import org.leadtocash.erp.HandOffResult;
import org.leadtocash.erp.SaleInvoiceEntry;
import org.leadtocash.erp.SaleInvoiceOrder;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invoice requests. Generated from the approved contract: per line, the tax-inclusive total is split by
 * its VAT rate (net = total / (1 + rate) HALF_UP to the fen, tax = total − net), so net + tax = total on every line
 * and, summed, in total; the receiving bank and account and the seller's tax number are the company profile's, and a
 * request is refused (an
 * incident naming the missing fields) while the profile is incomplete. Handed to U8 as
 * a sale invoice; every verdict is recorded for the invoicing error rate; finance corrects the invoice fields U8
 * rejected.
 */
@Service
class InvoiceRequests {
    static final int UNIT_PRICE_SCALE = 6;

    static final String PURPOSE = "生成开票申请 create the invoice request";

    private final InvoiceRepository invoices;
    private final Contracts contracts;
    private final EngineClock clock;
    private final CompanyProfile companyProfile;

    public InvoiceRequests(InvoiceRepository invoices, Contracts contracts, EngineClock clock, CompanyProfile companyProfile) {
        this.invoices = invoices;
        this.contracts = contracts;
        this.clock = clock;
        this.companyProfile = companyProfile;
    }

    public InvoiceRequest find(String id) {
        return invoices.find(id).orElseThrow(() -> new NotFoundException("invoice request " + id + " not found"));
    }

    /** Owner rep, overseers (viewer null) and finance see an invoice request; others get 404. */
    public InvoiceRequest visible(String id, String viewer, boolean finance) {
        InvoiceRequest r = find(id);
        if (viewer != null && !finance && !viewer.equals(r.repId())) {
            throw new NotFoundException("invoice request " + id + " not found");
        }
        return r;
    }

    /**
     * 生成开票申请 Create the invoice request of an approved contract (idempotent per contract).
     *
     * @throws org.leadtocash.company.CompanyProfileIncompleteException while the company profile lacks a required field
     */
    @Transactional
    public InvoiceRequest create(String contractId, String processInstanceId) {
        var existing = invoices.idOfContract(contractId);
        if (existing.isPresent()) {
            return find(existing.get());
        }
        Contract c = contracts.get(contractId);
        if (c.status() != ContractStatus.APPROVED) {
            throw new IllegalStateException("contract " + contractId + " is " + c.status() + ", not APPROVED");
        }
        CompanyDetails company = companyProfile.requireComplete(PURPOSE);
        List<InvoiceLine> lines = lines(c.lines());
        Instant now = clock.now();
        InvoiceRequest request = InvoiceRequest.created(QuoteIds.next("INV", now, clock.zone()), c, lines,
                company.bankName(), company.bankAccount(), company.taxNumber(), clock.today(), now);
        invoices.insert(request, processInstanceId);
        return find(request.id());
    }

    /** Invoice lines of priced contract lines: the split of each line total by its rate. */
    static List<InvoiceLine> lines(List<PricedLine> contractLines) {
        List<InvoiceLine> lines = new ArrayList<>();
        for (PricedLine l : contractLines) {
            TaxMath.Amounts a = TaxMath.split(l.totalAmount(), l.vatRate());
            BigDecimal unit = a.total().divide(l.quantity(), UNIT_PRICE_SCALE, RoundingMode.HALF_UP);
            lines.add(new InvoiceLine(l.lineNo(), l.productModel(), l.productName(), l.quantity(), l.vatRate(), unit,
                    a.net(), a.tax(), a.total()));
        }
        return lines;
    }

    /** The U8 sale invoice of a request: biz_id = our id, customer code = the credit code, tax rate in percent. */
    public static SaleInvoiceOrder order(InvoiceRequest r) {
        List<SaleInvoiceEntry> entries = r.lines().stream().map(l -> new SaleInvoiceEntry(l.productModel(), l.productName(),
                l.quantity(), percent(l.taxRate()), l.unitPriceInclTax(), l.netAmount(), l.taxAmount(), l.totalAmount()))
                .toList();
        return new SaleInvoiceOrder(r.id(), r.customerCreditCode(), r.customerName(), r.repId(), r.invoiceDate(),
                r.bankName(), r.bankAccount(), r.sellerTaxNumber(), entries, r.netAmount(), r.taxAmount(), r.totalAmount());
    }

    /** 0.13 → 13; 0.095 → 9.5 */
    static BigDecimal percent(BigDecimal fraction) {
        BigDecimal p = fraction.movePointRight(2).stripTrailingZeros();
        return p.scale() < 0 ? p.setScale(0) : p;
    }

    /** Records an accepted / already accepted / exported verdict. */
    @Transactional
    public void recordHandOff(String id, HandOffResult result) {
        invoices.recordVerdict(id, result.outcome().name(), null, null, result.tradeId(), result.u8VoucherId(), clock.now());
    }

    /** Records a business rejection (errcode ≠ 0). Survives: the BPMN error does not roll back. */
    @Transactional
    public void recordRejection(String id, String errcode, String errmsg) {
        invoices.recordVerdict(id, "REJECTED", errcode, errmsg, null, null, clock.now());
    }

    /** 核对开票信息 Finance's correction after a rejection; the list of changed fields is kept. */
    @Transactional
    public InvoiceRequest fix(InvoiceRequest r, InvoiceFix fix, String actor) {
        List<String> changes = new ArrayList<>();
        change(changes, "customerName", r.customerName(), fix.customerName());
        change(changes, "customerCreditCode", r.customerCreditCode(), fix.customerCreditCode());
        change(changes, "bankName", r.bankName(), fix.bankName());
        change(changes, "bankAccount", r.bankAccount(), fix.bankAccount());
        invoices.fix(r.id(), fix.customerName(), fix.customerCreditCode(), fix.bankName(), fix.bankAccount(),
                actor == null ? "unknown" : actor, clock.now(),
                changes.isEmpty() ? "无修改 unchanged (resend)" : String.join("; ", changes), fix.note());
        return find(r.id());
    }

    List<InvoiceRepository.Verdict> verdictsBetween(Instant from, Instant to) {
        return invoices.verdictsBetween(from, to);
    }

    private static void change(List<String> changes, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(field + ": " + before + " → " + after);
        }
    }
}
