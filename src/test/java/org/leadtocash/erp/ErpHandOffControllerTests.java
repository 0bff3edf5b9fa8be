package org.leadtocash.erp;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.shared.CurrentUser;
import org.leadtocash.standin.U8StandIn;
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

/** {@code GET /api/erp/handoffs} through Spring MVC (standalone, no application context) with the app's error handler. */
class ErpHandOffControllerTests {
    private final DataSource dataSource = new DriverManagerDataSource(
            "jdbc:h2:mem:erp-api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE", "sa", "");
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final TestClock clock = new TestClock(Instant.parse("2025-06-02T02:00:00Z"));
    private final U8HandOff demo;
    private final MockMvc mvc;

    ErpHandOffControllerTests() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("5").load().migrate();
        demo = new U8HandOff(jdbc, new DataSourceTransactionManager(dataSource), U8Properties.notConfigured(), clock,
                clock);
        mvc = MockMvcBuilders.standaloneSetup(new ErpHandOffController(demo, new CurrentUser()))
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
    void listsTheExportedPayloadForFinanceAsJson() throws Exception {
        signIn("wufang", "finance");
        demo.handOff(U8HandOffTests.order("IR-1"));
        clock.advance(java.time.Duration.ofMinutes(1));
        demo.handOff(U8HandOffTests.order("IR-2"));

        mvc.perform(get("/api/erp/handoffs").param("bizId", "IR-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].bizId").value("IR-1"))
                .andExpect(jsonPath("$[0].outcome").value("EXPORTED_NOT_SENT"))
                .andExpect(jsonPath("$[0].detail").value("未配置U8，已导出待财务导入 not sent: exported for finance to import"))
                .andExpect(jsonPath("$[0].payload.saleinvoice.customercode").value(U8StandIn.KNOWN_CUSTOMER))
                .andExpect(jsonPath("$[0].payload.saleinvoice.entry[0].inventorycode").value("JM-200"))
                .andExpect(jsonPath("$[0].startedAt").value("2025-06-02T02:00:00Z"));
        mvc.perform(get("/api/erp/handoffs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].bizId").value(org.hamcrest.Matchers.contains("IR-2", "IR-1")));
    }

    @Test
    void filtersByOutcomeAndLimits() throws Exception {
        signIn("limin", "sales-manager");
        demo.handOff(U8HandOffTests.order("IR-1"));
        demo.handOff(U8HandOffTests.order("IR-2"));

        mvc.perform(get("/api/erp/handoffs").param("outcome", "ACCEPTED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(0)));
        mvc.perform(get("/api/erp/handoffs").param("outcome", "EXPORTED_NOT_SENT").param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)));
    }

    @Test
    void answers400NamingTheParameterForABadLimitOrOutcome() throws Exception {
        signIn("admin", "camunda-admin");
        mvc.perform(get("/api/erp/handoffs").param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"))
                .andExpect(jsonPath("$.errors[0].rule").value("range"));
        mvc.perform(get("/api/erp/handoffs").param("outcome", "SENT"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("outcome"));
    }

    @Test
    void refusesSalesRepsAndLegal() throws Exception {
        for (String group : List.of("sales-rep", "legal")) {
            signIn("someone", group);
            mvc.perform(get("/api/erp/handoffs")).andExpect(status().isForbidden());
        }
    }

    @Test
    void letsDirectorsRead() throws Exception {
        signIn("wanglei", "regional-director");
        mvc.perform(get("/api/erp/handoffs")).andExpect(status().isOk());
    }

    private static void signIn(String user, String group) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
                null, List.of(new SimpleGrantedAuthority(CurrentUser.GROUP_PREFIX + group))));
    }
}
