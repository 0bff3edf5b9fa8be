package org.leadtocash.quote;

import java.util.List;

import org.leadtocash.lead.SalesStaff;
import org.leadtocash.lead.SalesTeam;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What the PDF of a quote shows: the seller, the rep by name, the lines and clauses as quoted. */
@Component
class QuoteDocuments {
    private final SalesTeam salesTeam;
    private final String sellerName;

    QuoteDocuments(SalesTeam salesTeam, @Value("${leadtocash.company.seller-name:上海云帆智能科技有限公司}") String sellerName) {
        this.salesTeam = salesTeam;
        this.sellerName = sellerName;
    }

    QuoteDocument of(Quote q) {
        String repName = salesTeam.find(q.repId()).map(SalesStaff::displayName).orElse(q.repId());
        List<QuoteDocument.Line> lines = q.lines().stream().map(l -> new QuoteDocument.Line(l.lineNo(), l.productModel(),
                l.productName(), l.quantity(), l.unitPriceInclTax(), l.vatRate(), l.totalAmount())).toList();
        List<QuoteDocument.Clause> clauses = q.clauses().stream()
                .map(c -> new QuoteDocument.Clause(c.productModel() == null ? c.typeName() : c.typeName() + "（" + c.productModel() + "）",
                        c.version(), c.locked(), c.text())).toList();
        return new QuoteDocument(q.id(), q.revision(), sellerName, q.customerName(), q.customerCreditCode(), repName,
                q.quoteDate(), q.deliveryDate(), q.rebateRate(), lines, q.netTotal(), q.taxTotal(), q.total(), clauses);
    }
}
