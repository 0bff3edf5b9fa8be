package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTests {

    @ParameterizedTest
    // published example codes whose check character is right (GB 32100-2015)
    @ValueSource(strings = {"91350100M000100Y43", "91110000802100433B", "914403001922038216"})
    void acceptsRealCodes(String code) {
        assertThat(CreditCode.problem(code)).isNull();
    }

    @Test
    void rejectsAWrongCheckCharacterAndSaysWhichIsExpected() {
        assertThat(CreditCode.problem("91350100M000100Y44")).contains("check character").contains("'3'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y4", "91350100M000100Y433", ""})
    void rejectsWrongLength(String code) {
        assertThat(CreditCode.problem(code)).contains("18 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M0001I0Y43", "91350100M0001O0Y43", "91350100M0001S0Y43", "91350100M0001V0Y43",
            "91350100M0001Z0Y43", "91350100m000100Y43"})
    void rejectsCharactersOutsideTheCodeSet(String code) {
        assertThat(CreditCode.problem(code)).contains("not allowed");
    }

    @Test
    void requiresDigitsForTheDivisionCode() {
        String first17 = "91A50100M000100Y4";
        assertThat(CreditCode.problem(first17 + CreditCode.checkCharacter(first17))).contains("administrative division");
    }

    @Test
    void checkCharacterThirtyOneIsWrittenAsZero() {
        // find a prefix whose weighted sum is divisible by 31: its check character must be '0'
        for (int i = 0; i < 100000; i++) {
            String first17 = String.format("9131000%010d", i);
            if (CreditCode.checkCharacter(first17) == '0') {
                assertThat(CreditCode.problem(first17 + "0")).isNull();
                return;
            }
        }
        throw new AssertionError("no prefix with check character 0 found");
    }
}
