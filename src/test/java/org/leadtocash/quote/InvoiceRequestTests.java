package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.erp.SaleInvoiceEntry;
import org.leadtocash.erp.SaleInvoiceOrder;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.leadtocash.support.TestData;

/**
 * the invoice request of an approved contract — net, tax, total and rate per line, the receiving account — with
 * BigDecimal arithmetic that never loses a fen, and its U8 sale-invoice mapping.
 */
@AppTest
class InvoiceRequestTests {
    private static final BigDecimal[] RATES = {new BigDecimal("0.13"), new BigDecimal("0.09"), new BigDecimal("0.06")};
    private static final BigDecimal[] REBATES = {new BigDecimal("0.0000"), new BigDecimal("0.0300"), new BigDecimal("0.0500"),
            new BigDecimal("0.0600"), new BigDecimal("0.0800")};

    @Autowired QuoteTestSupport support;
    @Autowired InvoiceRequests invoiceRequests;
    @Autowired Contracts contracts;
    @Autowired RuntimeService runtimeService;

    @BeforeEach
    void setUp() {
        support.reset();
    }

    @AfterEach
    void tearDown() {
        support.reset();
    }

    @Test
    void netPlusTaxIsTheTotalToTheFenOnEveryLineAndInTotalOverManyAmountsAndRates() {
        Random random = new Random(20261127L);
        for (int invoice = 0; invoice < 500; invoice++) {
            List<PricedLine> lines = new ArrayList<>();
            BigDecimal rebate = REBATES[random.nextInt(REBATES.length)];
            int n = 1 + random.nextInt(8);
            for (int i = 1; i <= n; i++) {
                BigDecimal rate = RATES[random.nextInt(RATES.length)];
                BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(99_999_999), 2);
                BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(100_000), 2);
                Product p = new Product("T-" + i, "测试产品" + i, price, rate, List.of(), true);
                lines.add(PricedLine.price(i, p, quantity, price, rebate));
            }

            List<InvoiceLine> invoiceLines = InvoiceRequests.lines(lines);

            BigDecimal net = BigDecimal.ZERO;
            BigDecimal tax = BigDecimal.ZERO;
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                InvoiceLine l = invoiceLines.get(i);
                PricedLine source = lines.get(i);
                assertThat(l.totalAmount()).isEqualByComparingTo(source.totalAmount());
                assertThat(l.netAmount().scale()).isEqualTo(2);
                assertThat(l.taxAmount().scale()).isEqualTo(2);
                assertThat(l.netAmount().add(l.taxAmount())).isEqualTo(l.totalAmount());
                // net = total / (1 + rate), HALF_UP to the fen
                assertThat(l.netAmount()).isEqualTo(l.totalAmount().divide(BigDecimal.ONE.add(l.taxRate()), 2, RoundingMode.HALF_UP));
                // the line total: unit price × quantity × (1 − rebate), HALF_UP to the fen
                assertThat(l.totalAmount()).isEqualTo(source.unitPriceInclTax().multiply(source.quantity())
                        .multiply(BigDecimal.ONE.subtract(rebate)).setScale(2, RoundingMode.HALF_UP));
                net = net.add(l.netAmount());
                tax = tax.add(l.taxAmount());
                total = total.add(l.totalAmount());
            }
            TaxMath.Amounts sum = TaxMath.sum(invoiceLines.stream()
                    .map(l -> new TaxMath.Amounts(l.netAmount(), l.taxAmount(), l.totalAmount())).toList());
            assertThat(sum.net()).isEqualByComparingTo(net);
            assertThat(sum.tax()).isEqualByComparingTo(tax);
            assertThat(sum.total()).isEqualByComparingTo(total);
            assertThat(sum.net().add(sum.tax())).isEqualByComparingTo(sum.total());
        }
    }

    @Test
    void approvedContractBecomesAnInvoiceRequestWithRatesAmountsAndTheReceivingAccount() {
        String customer = support.customerOf("zhangwei", "CHAIN");
        Quotes.Started q = support.start("zhangwei", QuoteTestSupport.request(customer, "CHAIN",
                TestData.today().plusDays(30), "JM-200", 1, "IN-01", 3, "SAAS-QT", 2));
        support.toHandOff(q.processInstanceId(), "zhangwei");
        Contract contract = contracts.get((String) runtimeService.getVariable(q.processInstanceId(), Vars.CONTRACT_ID));

        InvoiceRequest r = invoiceRequests.find((String) runtimeService.getVariable(q.processInstanceId(), Vars.INVOICE_REQUEST_ID));

        assertThat(r.contractId()).isEqualTo(contract.id());
        assertThat(r.quoteId()).isEqualTo(q.quoteId());
        assertThat(r.customerCreditCode()).isEqualTo(support.creditCodeOf(customer));
        assertThat(r.status()).isEqualTo("CREATED");
        assertThat(r.bankName()).isEqualTo("中国工商银行上海张江支行");
        assertThat(r.bankAccount()).isEqualTo("1001 2345 6789 0123 456");
        assertThat(r.totalAmount()).isEqualByComparingTo(contract.total());
        assertThat(r.netAmount().add(r.taxAmount())).isEqualByComparingTo(r.totalAmount());
        assertThat(r.lines()).extracting(InvoiceLine::productModel).containsExactly("JM-200", "IN-01", "SAAS-QT");
        InvoiceLine installation = r.lines().get(1);
        // 3 × 8800 × 0.94 = 24816.00 at 9%: net 24816 / 1.09 = 22766.97 (HALF_UP), tax 24816.00 − 22766.97 = 2049.03
        assertThat(installation.totalAmount()).isEqualByComparingTo("24816.00");
        assertThat(installation.taxRate()).isEqualByComparingTo("0.09");
        assertThat(installation.netAmount()).isEqualByComparingTo("22766.97");
        assertThat(installation.taxAmount()).isEqualByComparingTo("2049.03");
        assertThat(installation.unitPriceInclTax()).isEqualByComparingTo("8272.000000");
        assertThat(r.invoiceDate()).isNotNull();
        // once per contract
        assertThat(invoiceRequests.create(contract.id(), q.processInstanceId()).id()).isEqualTo(r.id());
        assertThat(support.count("SELECT COUNT(*) FROM invoice_request")).isOne();
    }

    @Test
    void u8SaleInvoiceCarriesOurIdAsBizIdTheCreditCodeAndTheRateInPercent() {
        Quotes.Started q = support.quote("zhangwei");
        support.toHandOff(q.processInstanceId(), "zhangwei");
        InvoiceRequest r = invoiceRequests.find((String) runtimeService.getVariable(q.processInstanceId(), Vars.INVOICE_REQUEST_ID));

        SaleInvoiceOrder order = InvoiceRequests.order(r);

        assertThat(order.bizId()).isEqualTo(r.id());
        assertThat(order.customerCode()).isEqualTo(r.customerCreditCode());
        assertThat(order.customerName()).isEqualTo(r.customerName());
        assertThat(order.salesperson()).isEqualTo("zhangwei");
        assertThat(order.bankAccount()).isEqualTo(r.bankAccount());
        assertThat(order.total()).isEqualByComparingTo(r.totalAmount());
        assertThat(order.netTotal().add(order.taxTotal())).isEqualByComparingTo(order.total());
        assertThat(order.entries()).extracting(SaleInvoiceEntry::taxRatePercent).extracting(BigDecimal::toPlainString)
                .containsExactly("13", "13");
        assertThat(order.entries()).allSatisfy(e -> assertThat(e.netAmount().add(e.taxAmount())).isEqualByComparingTo(e.totalAmount()));
        assertThat(InvoiceRequests.percent(new BigDecimal("0.0600")).toPlainString()).isEqualTo("6");
        assertThat(InvoiceRequests.percent(new BigDecimal("0.10")).toPlainString()).isEqualTo("10");
    }
}
