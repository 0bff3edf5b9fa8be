package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

@AppTest
class LeadIntakeSmokeTests {
    @Autowired TestRestTemplate rest;
    @Autowired TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void acceptsAValidWebsiteLead() {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.set("X-Api-Key", "test-website-key-0001");
        var response = rest.postForEntity("/api/leads", new HttpEntity<>(TestData.leadBody("WEBSITE_FORM", "EAST", "250000"), h), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(data.count("sales_lead")).isEqualTo(1);
    }
}
