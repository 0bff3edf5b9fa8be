package org.leadtocash.notify;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.shared.CurrentUser;
import org.leadtocash.system.web.ApiExceptionHandler;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import com.fasterxml.jackson.databind.SerializationFeature;

/** {@code GET /api/notifications} through Spring MVC (standalone, no application context) with the app's error handler. */
class NotificationControllerTests {
    private final DataSource dataSource = new DriverManagerDataSource(
            "jdbc:h2:mem:notify-api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE", "sa", "");
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final NotificationService service;
    private final MockMvc mvc;

    NotificationControllerTests() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("2").load().migrate();
        service = new NotificationService(jdbc, new DataSourceTransactionManager(dataSource), List.of(),
                Duration.ofMinutes(5), Duration.ofSeconds(10), Clock.systemUTC());
        mvc = MockMvcBuilders.standaloneSetup(new NotificationController(service, new CurrentUser()))
                .setControllerAdvice(new ApiExceptionHandler())
                .setMessageConverters(new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json()
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
                .build();
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        jdbc.execute("SHUTDOWN");
    }

    @Test
    void listsDeliveriesOfAProcessInstanceForFinance() throws Exception {
        signIn("zhou.finance", "finance");
        service.send(request("a", "pi-1"));
        service.send(request("b", "pi-2"));

        mvc.perform(get("/api/notifications").param("processInstanceId", "pi-2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].idempotencyKey").value("b"))
                .andExpect(jsonPath("$[0].channel").value("SMS"))
                .andExpect(jsonPath("$[0].status").value("NOT_SENT_UNCONFIGURED"))
                .andExpect(jsonPath("$[0].error").value("未配置，未发送 not configured: not sent"))
                .andExpect(jsonPath("$[0].recipients").value("wang(138****1111)"))
                .andExpect(jsonPath("$[0].attemptedAt").isString());
    }

    @Test
    void appliesLimitAndStatusFilters() throws Exception {
        signIn("admin", "camunda-admin");
        service.send(request("a", "pi-1"));
        service.send(request("b", "pi-1"));

        mvc.perform(get("/api/notifications").param("limit", "1").param("status", "NOT_SENT_UNCONFIGURED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].idempotencyKey").value("b"));
        mvc.perform(get("/api/notifications").param("status", "FAILED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(0)));
    }

    @Test
    void rejectsLimitOutsideOneToOneThousand() throws Exception {
        signIn("wang", "sales-manager");

        for (String limit : List.of("0", "1001", "-5")) {
            mvc.perform(get("/api/notifications").param("limit", limit))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("limit"));
        }
        mvc.perform(get("/api/notifications").param("limit", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void rejectsUnknownChannelAndStatusNamingTheField() throws Exception {
        signIn("li", "regional-director");

        mvc.perform(get("/api/notifications").param("channel", "PIGEON"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("channel"));
        mvc.perform(get("/api/notifications").param("status", "LOST"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
    }

    @Test
    void refusesUsersOutsideTheAllowedGroups() throws Exception {
        signIn("zhao.rep", "sales-rep", "legal");

        mvc.perform(get("/api/notifications")).andExpect(status().isForbidden());
    }

    private static void signIn(String user, String... groups) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
                null, java.util.Arrays.stream(groups).map(g -> new SimpleGrantedAuthority("GROUP_" + g)).toList()));
    }

    private static NotificationRequest request(String key, String processInstanceId) {
        return new NotificationRequest(key, Channel.SMS, List.of(new Recipient("wang", "13800001111")), null,
                "短信内容", processInstanceId, "L-1");
    }
}
