package org.leadtocash.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadtocash.system.identity.IdentitySetup;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;

/** The shared Tasklist filters are visible to, and usable by, every logged-in user. */
@AppTest
class TasklistFiltersTests {
    @Autowired TestRestTemplate rest;
    @Autowired TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhangwei", "limin", "zhoujie", "wufang"})
    void everyUserSeesAndCountsTheSharedFilters(String user) {
        var filters = rest.withBasicAuth(user, user).exchange("/engine-rest/filter?resourceType=Task", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { });
        assertThat(filters.getStatusCode().value()).isEqualTo(200);
        List<String> names = filters.getBody().stream().map(f -> (String) f.get("name")).toList();
        assertThat(names).contains(IdentitySetup.FILTER_MY_TASKS, IdentitySetup.FILTER_GROUP_TASKS);
        for (Map<String, Object> f : filters.getBody()) {
            var count = rest.withBasicAuth(user, user).getForEntity("/engine-rest/filter/" + f.get("id") + "/count", Map.class);
            assertThat(count.getStatusCode().value()).as(f.get("name") + " for " + user).isEqualTo(200);
        }
    }
}
