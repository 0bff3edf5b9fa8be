package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.leadtocash.quote.QuoteToInvoiceProcess.ReviewDecision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON of {@code GET /api/quotes/{id}}, {@code /api/contracts/{id}} and {@code /api/invoice-requests/{id}}: the
 * field names and their order are what API clients read, whatever value types the records group their fields into.
 * The mapper is configured as the application's (application.yaml: non-null inclusion, ISO dates).
 */
class QuoteJsonShapeTests {
    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-03-04");
    static final PricedLine LINE = new PricedLine(1, "GW-100", "智能网关", new BigDecimal("2"), new BigDecimal("3980.00"),
            new BigDecimal("3980.00"), new BigDecimal("0.13"), new BigDecimal("7044.25"), new BigDecimal("915.75"),
            new BigDecimal("7960.00"));
    static final AttachedClause CLAUSE = new AttachedClause("IP_OWNERSHIP", "知识产权归属 IP ownership", 7L, 2, true, "条款", 1);

    @Test
    void quoteKeepsItsFlatFieldNames() {
        JsonNode json = JSON.valueToTree(quote());

        assertThat(names(json)).containsExactly("id", "revision", "customerId", "customerName", "customerCreditCode",
                "customerTier", "repId", "leadId", "quoteDate", "deliveryDate", "rebateRate", "netTotal", "taxTotal", "total",
                "status", "answerNote", "processInstanceId", "createdAt", "updatedAt", "answeredAt", "lines", "clauses");
        assertThat(json.path("customerName").asText()).isEqualTo("上海云帆客户有限公司");
        assertThat(json.path("netTotal").decimalValue()).isEqualByComparingTo("7044.25");
        assertThat(json.path("total").decimalValue()).isEqualByComparingTo("7960.00");
        assertThat(json.path("quoteDate").asText()).isEqualTo("2026-03-04");
        assertThat(names(json.path("lines").get(0))).containsExactly("lineNo", "productModel", "productName", "quantity",
                "listPrice", "unitPriceInclTax", "vatRate", "netAmount", "taxAmount", "totalAmount");
    }

    @Test
    void contractKeepsItsFlatFieldNamesAndLeavesOutTheApprovalUntilApproved() {
        JsonNode approved = JSON.valueToTree(approvedContract());
        JsonNode inReview = JSON.valueToTree(contractInReview());

        assertThat(names(approved)).containsExactly("id", "quoteId", "quoteRevision", "customerId", "customerName",
                "customerCreditCode", "repId", "deliveryDate", "rebateRate", "netTotal", "taxTotal", "total", "status",
                "legalReturns", "clauseChanges", "clauseChangesConfirmedAt", "revisionNote", "processInstanceId", "draftedAt",
                "approvedAt", "approvedBy", "clausesCurrentAtApproval", "attachmentsComplete", "lines", "clauses", "reviews");
        assertThat(approved.path("approvedBy").asText()).isEqualTo("zhoujie");
        assertThat(approved.path("taxTotal").decimalValue()).isEqualByComparingTo("915.75");
        assertThat(names(inReview)).containsExactly("id", "quoteId", "quoteRevision", "customerId", "customerName",
                "customerCreditCode", "repId", "deliveryDate", "rebateRate", "netTotal", "taxTotal", "total", "status",
                "legalReturns", "processInstanceId", "draftedAt", "lines", "clauses", "reviews");
    }

    @Test
    void invoiceRequestKeepsItsFlatFieldNames() {
        JsonNode json = JSON.valueToTree(invoiceRequest());

        assertThat(names(json)).containsExactly("id", "contractId", "quoteId", "customerId", "customerName",
                "customerCreditCode", "repId", "netAmount", "taxAmount", "totalAmount", "bankName", "bankAccount",
                "invoiceDate", "lines", "status", "createdAt");
        assertThat(json.path("customerCreditCode").asText()).isEqualTo("91310000MA1K0000X1");
        assertThat(json.path("totalAmount").decimalValue()).isEqualByComparingTo("7960.00");
        assertThat(names(json.path("lines").get(0))).containsExactly("lineNo", "productModel", "productName", "quantity",
                "taxRate", "unitPriceInclTax", "netAmount", "taxAmount", "totalAmount");
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static final CustomerRef CUSTOMER = new CustomerRef("c-1", "上海云帆客户有限公司", "91310000MA1K0000X1");
    static final TaxMath.Amounts TOTALS = LINE.amounts();

    static Quote quote() {
        return new Quote("Q-1", 1, CUSTOMER, "KA", "zhangwei", "L-1", TODAY, TODAY.plusDays(30), new BigDecimal("0.0800"),
                TOTALS, QuoteStatus.ACCEPTED, "ok", "pi-1", NOW, NOW, NOW, List.of(LINE), List.of(CLAUSE));
    }

    static Contract approvedContract() {
        return new Contract("C-1", "Q-1", 1, CUSTOMER, "zhangwei", TODAY.plusDays(30), new BigDecimal("0.0800"), TOTALS,
                ContractStatus.APPROVED, 1, "变更", NOW, "note", "pi-1", NOW, new Contract.Approval(NOW, "zhoujie", true, true),
                List.of(LINE), List.of(CLAUSE), List.of(new ContractReview(1, ReviewDecision.APPROVE, null, "zhoujie", NOW)));
    }

    static Contract contractInReview() {
        return Contract.draftedFrom(quote(), "C-1", List.of(CLAUSE), null, "pi-1", NOW);
    }

    static InvoiceRequest invoiceRequest() {
        return InvoiceRequest.created("INV-1", approvedContract(), InvoiceRequests.lines(List.of(LINE)), "工商银行",
                "1001 2345", "91310115MA1K3YFANN", TODAY, NOW);
    }
}
