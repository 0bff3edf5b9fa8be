package org.leadtocash.quote;

import java.util.List;

import org.leadtocash.company.CompanyDetails;
import org.leadtocash.company.CompanyProfile;
import org.leadtocash.lead.SalesStaff;
import org.leadtocash.lead.SalesTeam;
import org.springframework.stereotype.Component;

/**
 * What the PDF of a quote shows: the seller from the company profile, the rep by name, the lines and clauses as
 * quoted. Refused while the company profile is incomplete.
 */
@Component
class QuoteDocuments {
    static final String PURPOSE = "打印报价单 print the quote PDF";

    private final SalesTeam salesTeam;
    private final CompanyProfile companyProfile;

    QuoteDocuments(SalesTeam salesTeam, CompanyProfile companyProfile) {
        this.salesTeam = salesTeam;
        this.companyProfile = companyProfile;
    }

    /** @throws org.leadtocash.company.CompanyProfileIncompleteException naming the missing fields (HTTP 409) */
    QuoteDocument of(Quote q) {
        CompanyDetails company = companyProfile.requireComplete(PURPOSE);
        QuoteDocument.Seller seller = new QuoteDocument.Seller(company.sellerName(), company.taxNumber(), company.addressPhone(),
                company.bankName(), company.bankAccount(), company.hasLogo() ? company.logo() : null, company.watermark());
        String repName = salesTeam.find(q.repId()).map(SalesStaff::displayName).orElse(q.repId());
        List<QuoteDocument.Line> lines = q.lines().stream().map(l -> new QuoteDocument.Line(l.lineNo(), l.productModel(),
                l.productName(), l.quantity(), l.unitPriceInclTax(), l.vatRate(), l.totalAmount())).toList();
        List<QuoteDocument.Clause> clauses = q.clauses().stream()
                .map(c -> new QuoteDocument.Clause(c.productModel() == null ? c.typeName() : c.typeName() + "（" + c.productModel() + "）",
                        c.version(), c.locked(), c.text())).toList();
        return new QuoteDocument(q.id(), q.revision(), seller, q.customerName(), q.customerCreditCode(), repName,
                q.quoteDate(), q.deliveryDate(), q.rebateRate(), lines, q.netTotal(), q.taxTotal(), q.total(), clauses);
    }
}
