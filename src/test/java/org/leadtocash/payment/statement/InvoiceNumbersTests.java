package org.leadtocash.payment.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invoice numbers as customers write them into payment memos (摘要/附言). */
class InvoiceNumbersTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "支付发票号25312000000012345678货款|25312000000012345678",
            "货款 发票号码：25312000000012345678|25312000000012345678",
            "付 发票 12345678 尾款|12345678",
            "票号:FP20250001 服务费|FP20250001",
            "Invoice No. INV-2025-0001 payment|INV-2025-0001",
            "inv#INV-2025-0001|INV-2025-0001",
            "发票编号ＩＮＶ－２０２５－０００１（全角）|INV-2025-0001"})
    void findsALabelledInvoiceNumberFirst(String memo, String expected) {
        InvoiceNumbers.Candidates c = InvoiceNumbers.candidates(memo);

        assertThat(c.labelled()).first().isEqualTo(expected);
    }

    @Test
    void offersUnlabelledNumbersInMemoOrderWhenNoLabelIsThere() {
        InvoiceNumbers.Candidates c = InvoiceNumbers.candidates("INV-2025-0002 首付款, 合同HT2025-18 余款月底付");

        assertThat(c.labelled()).isEmpty();
        assertThat(c.others()).containsExactly("INV-2025-0002", "HT2025-18");
    }

    @Test
    void readsEverySeparatedNumberAfterOneLabel() {
        assertThat(InvoiceNumbers.candidates("付发票12345678、12345679货款").labelled()).containsExactly("12345678", "12345679");
        assertThat(InvoiceNumbers.candidates("发票号: FP1001, FP1002").labelled()).containsExactly("FP1001", "FP1002");
        assertThat(InvoiceNumbers.candidates("发票号 FP1001/FP1002 货款").labelled()).containsExactly("FP1001", "FP1002");
    }

    @Test
    void ignoresWordsWithoutDigitsAndTooShortNumbers() {
        InvoiceNumbers.Candidates c = InvoiceNumbers.candidates("服务费 payment for March 3 月 ok 123");

        assertThat(c.isEmpty()).isTrue();
    }

    @Test
    void aMemoWithoutNumbersOrNoMemoHasNoCandidates() {
        assertThat(InvoiceNumbers.candidates("货款").isEmpty()).isTrue();
        assertThat(InvoiceNumbers.candidates(null).isEmpty()).isTrue();
        assertThat(InvoiceNumbers.candidates("  ").isEmpty()).isTrue();
    }

    @Test
    void offersAtMostEightCandidates() {
        String memo = String.join(" ", List.of("A0001", "A0002", "A0003", "A0004", "A0005", "A0006", "A0007", "A0008", "A0009", "A0010"));

        assertThat(InvoiceNumbers.candidates(memo).all()).hasSize(InvoiceNumbers.MAX_CANDIDATES);
    }
}
