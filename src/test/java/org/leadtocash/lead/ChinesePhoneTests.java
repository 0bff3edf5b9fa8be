package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChinesePhoneTests {

    @ParameterizedTest
    @CsvSource({"13912345678, 13912345678", "+86 139 1234 5678, 13912345678", "8613912345678, 13912345678",
            "139-1234-5678, 13912345678", "021-62345678, 021-62345678", "02162345678, 021-62345678",
            "0755-8601234, 0755-8601234", "010-12345678-801, 010-12345678-801", "0571 88886666, 0571-88886666"})
    void acceptsMainlandMobileAndLandlineNumbers(String raw, String normalised) {
        assertThat(ChinesePhone.normalise(raw)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1281234567", "12912345678", "1391234567", "139123456789", "62345678",
            "031-62345678", "021-623456", "abc", "+1 415 555 0100", "13912345678;DROP TABLE"})
    void rejectsEverythingElse(String raw) {
        assertThat(ChinesePhone.normalise(raw)).isNull();
    }
}
