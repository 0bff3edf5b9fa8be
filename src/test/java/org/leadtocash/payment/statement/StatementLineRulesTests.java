package org.leadtocash.payment.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.leadtocash.shared.FieldError;

/** The rules of one statement line: accepted spellings of dates and amounts, and each broken rule named. */
class StatementLineRulesTests {
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 20);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2025-03-18", "2025/03/18", "2025/3/18", "2025.03.18", "20250318", "2025年3月18日", "2025-03-18 14:05:33",
            "2025/03/18 09:00", "2025-03-18T14:05:33", "20250318 140533"})
    void acceptsTheDateSpellingsOfChineseBankExports(String date) {
        assertThat(StatementLineRules.valueDate(date, TODAY, new ArrayList<>())).isEqualTo(LocalDate.of(2025, 3, 18));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {"18/03/2025|date", "2025-02-30|date", "yesterday|date", "2025-13-01|date", "2025-03-21|not-in-future"})
    void refusesDatesThatAreNotDatesOrInTheFuture(String date, String rule) {
        List<FieldError> errors = new ArrayList<>();
        assertThat(StatementLineRules.valueDate(date, TODAY, errors)).isNull();
        assertThat(errors).extracting(FieldError::field, FieldError::rule).containsExactly(tuple("valueDate", rule));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {"56500|56500.00", "56500.5|56500.50", "56,500.00|56500.00", "¥56,500.00|56500.00",
            "￥1,234,567.89|1234567.89", "+100.00|100.00", "RMB 100|100.00", "0.01|0.01", "100.000|100.00"})
    void acceptsAmountsWithSignsAndThousandsSeparators(String amount, String expected) {
        List<FieldError> errors = new ArrayList<>();
        assertThat(StatementLineRules.amount(amount, errors)).isEqualTo(new BigDecimal(expected));
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {"abc|number", "1.2.3|number", "12,34.00|number", "1e5|number", "0|positive", "0.00|positive",
            "-500.00|positive", "-¥500.00|positive", "100.001|scale", "10000000000000.00|max"})
    void refusesAmountsThatAreNotPositiveFenAmounts(String amount, String rule) {
        List<FieldError> errors = new ArrayList<>();
        assertThat(StatementLineRules.amount(amount, errors)).isNull();
        assertThat(errors).extracting(FieldError::field, FieldError::rule).containsExactly(tuple("amount", rule));
    }

    @Test
    void normalisesRmbAndRenminbiToCnyAndRefusesOtherCurrencies() {
        assertThat(check(line("T1", "2025-03-18", "1.00", "RMB")).line().currency()).isEqualTo("CNY");
        assertThat(check(line("T1", "2025-03-18", "1.00", "人民币")).line().currency()).isEqualTo("CNY");
        assertThat(check(line("T1", "2025-03-18", "1.00", "cny")).line().currency()).isEqualTo("CNY");

        var result = check(line("T1", "2025-03-18", "1.00", "USD"));
        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).extracting(FieldError::field, FieldError::rule).containsExactly(tuple("currency", "currency-cny"));
        assertThat(result.errors().get(0).message()).contains("USD");
    }

    @Test
    void namesEveryBrokenRuleOfALineAtOnce() {
        var result = check(new RawStatementLine(2, "someday", null, null, null, "many", null, "x".repeat(501), null, List.of()));

        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("transactionId", "required"), tuple("valueDate", "date"), tuple("amount", "number"),
                tuple("currency", "required"), tuple("memo", "max-length"));
    }

    @Test
    void refusesATransactionIdThatExcelTurnedIntoScientificNotation() {
        var result = check(line("2.02503E+19", "2025-03-18", "1.00", "CNY"));

        assertThat(result.errors()).extracting(FieldError::field, FieldError::rule).containsExactly(tuple("transactionId", "not-scientific"));
    }

    @Test
    void reportsAFieldTheParserAlreadyFlaggedOnlyOnce() {
        var raw = new RawStatementLine(1, "2025-03-18", "T1", null, null, null, "CNY", "x", null,
                List.of(new FieldError("amount", "type", "must be a string or a number, was boolean")));

        assertThat(check(raw).errors()).extracting(FieldError::field, FieldError::rule).containsExactly(tuple("amount", "type"));
    }

    @Test
    void aValidLineIsNormalised() {
        var result = check(new RawStatementLine(7, "2025年3月18日", "HX1", "甲公司", "6222", "￥3,000.00", "人民币", "付发票FP1", "FP1", List.of()));

        assertThat(result.valid()).isTrue();
        assertThat(result.line()).isEqualTo(new StatementLineRules.CheckedLine(7, LocalDate.of(2025, 3, 18), "HX1", "甲公司", "6222",
                new BigDecimal("3000.00"), "CNY", "付发票FP1", "FP1"));
    }

    private static StatementLineRules.Result check(RawStatementLine raw) {
        return StatementLineRules.check(raw, TODAY);
    }

    private static RawStatementLine line(String txn, String date, String amount, String currency) {
        return new RawStatementLine(2, date, txn, null, null, amount, currency, "memo", null, List.of());
    }
}
