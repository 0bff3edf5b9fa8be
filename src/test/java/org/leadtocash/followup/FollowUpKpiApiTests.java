package org.leadtocash.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.leadtocash.support.ProcessTests.moveClockTo;

import java.math.BigDecimal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** R-34 overdue follow-up ratio over {@code GET /api/kpi/follow-up} on the hand-made customers of {@link FollowUpLedger}. */
@AppTest
class FollowUpKpiApiTests {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired FollowUpFixtures fixtures;
    @Autowired TeamReminders reminders;

    @BeforeEach
    void setUp() {
        data.reset();
        moveClockTo(FollowUpLedger.AS_OF);
        FollowUpLedger.build(fixtures);
    }

    @Test
    void managerSeesExactRatiosPerRepTeamAndCompany() throws Exception {
        reminders.record("EAST", true, 3, 6, new BigDecimal("0.5"), null);

        JsonNode report = get("limin");

        assertThat(report.path("asOf").asText()).isEqualTo("2027-03-01");
        assertThat(report.path("company").path("overdueCustomers").asInt()).isEqualTo(4);
        assertThat(report.path("company").path("customers").asInt()).isEqualTo(10);
        assertThat(report.path("company").path("overdueRatio").decimalValue()).isEqualByComparingTo("0.4000");
        assertThat(report.path("teams")).extracting(t -> tuple(t.path("team").asText(), t.path("overdueCustomers").asInt(),
                        t.path("customers").asInt(), ratio(t),
                        t.path("strongerReminders").asBoolean(), t.path("managers").toString()))
                .containsExactly(tuple("EAST", 3, 6, "0.5", true, "[\"limin\"]"),
                        tuple("NORTH", 0, 0, "0", false, "[\"limin\"]"),
                        tuple("SOUTH", 1, 4, "0.25", false, "[\"limin\"]"));
        assertThat(report.path("reps")).extracting(r -> tuple(r.path("repId").asText(), r.path("team").asText(),
                        r.path("overdueCustomers").asInt(), r.path("customers").asInt(), ratio(r)))
                .containsExactly(tuple("chenjing", "SOUTH", 1, 4, "0.25"), tuple("lina", "EAST", 1, 2, "0.5"),
                        tuple("zhangwei", "EAST", 2, 4, "0.5"));
    }

    @Test
    void repSeesOnlyHisOwnLine() throws Exception {
        JsonNode report = get("zhangwei");

        assertThat(report.path("company").isMissingNode() || report.path("company").isNull()).isTrue();
        assertThat(report.path("teams").isMissingNode() || report.path("teams").isNull()).isTrue();
        assertThat(report.path("reps")).singleElement().satisfies(r -> {
            assertThat(r.path("repId").asText()).isEqualTo("zhangwei");
            assertThat(r.path("overdueCustomers").asInt()).isEqualTo(2);
            assertThat(r.path("customers").asInt()).isEqualTo(4);
        });
    }

    @Test
    void legalAndAnonymousUsersAreRefused() {
        assertThat(rest.withBasicAuth("zhoujie", "zhoujie").getForEntity("/api/kpi/follow-up", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/kpi/follow-up", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** The ratio as an exact number (JSON does not keep the trailing zeros of 0.5000). */
    private static String ratio(JsonNode line) {
        return line.path("overdueRatio").decimalValue().stripTrailingZeros().toPlainString();
    }

    private JsonNode get(String user) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity("/api/kpi/follow-up", String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }
}
