package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.security.WebappSession.ENGINE_API;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.payment.JourneyStart;
import org.leadtocash.payment.PaymentFixtures;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Finance receives the payment breaker alert, whose second link opens the journey in Cockpit: finance may log into
 * Cockpit and read payment journeys (instance, diagram, activity instances) and nothing else — no other process, no
 * rep's task, no change — over Cockpit's own session and token, as the browser does. Legal, the other Tasklist-only
 * desk, still may not log into Cockpit.
 */
@AppTest
class FinanceCockpitAccessTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired PaymentFixtures payments;
    @Autowired PaymentJourneys journeys;
    @Autowired RuntimeService runtimeService;
    @Autowired LeadIntake intake;
    @Autowired EngineClock clock;

    @BeforeEach
    void reset() {
        data.reset();
        payments.reset();
    }

    @Test
    void financeOpensAPaymentJourneyInCockpitAndReadsNothingElse() throws Exception {
        PaymentJourney journey = journeys.start(new JourneyStart("FIN-IR-1", "FN00000001", null, "A医院", "zhangwei",
                new BigDecimal("120000.00"), clock.today(), null, null, null));
        Lead lead = intake.receive(TestData.leadBody("PHONE_CALL", "SOUTH", "100000"), LeadSource.PHONE_CALL).lead();

        WebappSession wufang = WebappSession.login(port, "wufang", "cockpit");
        String pi = journey.processInstanceId();
        HttpResponse<String> instance = wufang.get(ENGINE_API + "/process-instance/" + pi);
        assertThat(instance.statusCode()).as(instance.body()).isEqualTo(200);
        String definitionId = JSON.readTree(instance.body()).path("definitionId").asText();
        assertThat(wufang.get(ENGINE_API + "/process-definition/" + definitionId + "/xml").statusCode()).isEqualTo(200);
        assertThat(wufang.get(ENGINE_API + "/process-instance/" + pi + "/activity-instances").statusCode()).isEqualTo(200);
        assertThat(wufang.get(ENGINE_API + "/process-instance/" + pi + "/variables").statusCode()).isEqualTo(200);

        assertThat(wufang.get(ENGINE_API + "/process-instance/" + lead.processInstanceId()).statusCode()).isIn(403, 404);
        assertThat(keys(wufang.get(ENGINE_API + "/process-definition").body())).containsOnly(PaymentJourneyProcess.KEY);
        assertThat(wufang.get(ENGINE_API + "/task?processInstanceId=" + pi).body()).isEqualTo("[]");
        HttpResponse<String> suspend = wufang.send("PUT", ENGINE_API + "/process-instance/" + pi + "/suspended",
                "{\"suspended\":true}");
        assertThat(suspend.statusCode()).as(suspend.body()).isEqualTo(403);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).active().count()).isEqualTo(1);

        HttpResponse<String> legal = WebappSession.anonymous(port).tryLogin("zhoujie", "zhoujie", "cockpit", true);
        assertThat(legal.statusCode()).as(legal.body()).isIn(401, 403);
    }

    private static List<String> keys(String definitions) throws Exception {
        List<String> keys = new ArrayList<>();
        for (JsonNode d : JSON.readTree(definitions)) {
            keys.add(d.path("key").asText());
        }
        return keys;
    }
}
