package org.leadtocash.system.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Security is on by default.
 * <ul>
 * <li>{@code POST /api/leads}: a source channel's API key ({@code X-Api-Key}).</li>
 * <li>{@code POST /api/telephony/call-records}: no log-in; the controller checks the telephony platform's HMAC signature.</li>
 * <li>{@code /api/**} and its OpenAPI document ({@code /v3/api-docs}; Swagger UI at {@code /api/docs/swagger-ui.html}): HTTP Basic against the Camunda identity, or the webapps' session login (changes only with the
 * webapps' CSRF token, {@link WebappSessionAuthenticationFilter}); the user is the engine's current user, so
 * authorizations apply.</li>
 * <li>{@code /engine-rest/**}: HTTP Basic by Camunda's own {@link ProcessEngineAuthenticationFilter} (Modeler's deploy button sends it).</li>
 * <li>{@code /camunda/**}: the webapps' own session login and CSRF protection.</li>
 * <li>{@code /actuator/prometheus}: HTTP Basic against the Camunda identity, for members of the {@value #METRICS_GROUP}
 * group (Prometheus's own user) or of camunda-admin. It stays on the app's port, so it needs no second port opened per
 * node and no network rule to keep it private: the figures name processes and outside systems.</li>
 * <li>health probes are open; everything else is denied.</li>
 * </ul>
 */
@Configuration
@EnableWebSecurity
@EnableConfigurationProperties(ChannelKeyProperties.class)
class SecurityConfig {
    /** The Camunda group whose members may read {@code /actuator/prometheus}; created at start (IdentitySetup). */
    static final String METRICS_GROUP = Groups.METRICS;

    @Bean
    @Order(1)
    SecurityFilterChain leadIntakeChain(HttpSecurity http, ChannelKeyProperties keys) throws Exception {
        http.securityMatcher(new AntPathRequestMatcher("/api/leads", HttpMethod.POST.name()))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ChannelApiKeyFilter(keys), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().hasAnyAuthority(channelAuthorities(keys)));
        return http.build();
    }

    @Bean
    @Order(0)
    SecurityFilterChain telephonyChain(HttpSecurity http) throws Exception {
        http.securityMatcher(new AntPathRequestMatcher("/api/telephony/call-records", HttpMethod.POST.name()))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
            IdentityService identityService, ProcessEngine engine) throws Exception {
        // the API's OpenAPI document sits behind the same login as the API it describes (Swagger UI is under /api/docs)
        http.securityMatcher(new OrRequestMatcher(ant("/api/**"), ant("/v3/api-docs"), ant("/v3/api-docs/**")))
                // Spring's CSRF is off: HTTP Basic carries no cookie, and a webapp-session request is checked against
                // the webapps' own CSRF token by WebappSessionAuthenticationFilter
                .csrf(c -> c.disable())
                // no session of its own, and never a new id for the webapps' session it reads (session fixation
                // protection would change it on every call and log the user out of Tasklist and Cockpit)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none()))
                .authenticationProvider(provider)
                .httpBasic(b -> b.realmName("lead-to-cash"))
                .addFilterBefore(new WebappSessionAuthenticationFilter(identityService, engine.getName()),
                        BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineAuthenticationFilter(identityService), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain prometheusChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider) throws Exception {
        // no EngineAuthenticationFilter: the figures are counted without an engine user, so authorizations do not hide any
        http.securityMatcher(ant("/actuator/prometheus"))
                .csrf(c -> c.disable()) // stateless HTTP Basic, read only
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationProvider(provider)
                .httpBasic(b -> b.realmName("lead-to-cash"))
                .authorizeHttpRequests(a -> a.anyRequest().hasAnyAuthority(CurrentUser.GROUP_PREFIX + METRICS_GROUP,
                        CurrentUser.GROUP_PREFIX + Groups.ADMIN));
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain camundaChain(HttpSecurity http) throws Exception {
        // /engine-rest is authenticated by Camunda's filter below, the webapps by their own login;
        // the webapps keep their own CSRF protection (X-XSRF-TOKEN), so Spring's is off here.
        http.securityMatcher(new OrRequestMatcher(ant("/engine-rest/**"), ant("/camunda/**"), ant("/"), ant("/error"),
                        ant("/actuator/health"), ant("/actuator/health/**")))
                .csrf(c -> c.disable())
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain denyEverythingElse(HttpSecurity http, CamundaIdentityAuthenticationProvider provider) throws Exception {
        http.authenticationProvider(provider)
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // 401 without a Basic challenge: the webapps' login page probes paths like /camunda-welcome, and a
                // WWW-Authenticate answer would pop the browser's own login dialog over Tasklist and Cockpit
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .authorizeHttpRequests(a -> a.anyRequest().denyAll());
        return http.build();
    }

    /** Servlet-agnostic path matching: the engine REST API and the webapps are not served by Spring MVC. */
    private static AntPathRequestMatcher ant(String pattern) {
        return new AntPathRequestMatcher(pattern);
    }

    private static String[] channelAuthorities(ChannelKeyProperties keys) {
        String[] authorities = keys.channelKeys().keySet().stream()
                .map(k -> ChannelApiKeyFilter.CHANNEL_AUTHORITY_PREFIX + k).toArray(String[]::new);
        // with no channel configured, no request can carry a channel authority: intake is closed
        return authorities.length == 0 ? new String[] {ChannelApiKeyFilter.CHANNEL_AUTHORITY_PREFIX + "NONE"} : authorities;
    }

    /** HTTP Basic for the engine REST API, checked against the engine's identity service (Camunda's documented filter). */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-engine-rest-auth");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Integer.MAX_VALUE - 10);
        return registration;
    }
}
