package org.leadtocash.system.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.leadtocash.shared.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a user who is logged into Tasklist, Cockpit or Admin call {@code /api/**} with that login — a quote PDF link in
 * a task form, a plugin's fetch — instead of a second HTTP Basic prompt. It reads the webapps' own session login for
 * this engine; a request that changes something must carry the webapps' CSRF token ({@code X-XSRF-TOKEN}, the value of
 * the {@code XSRF-TOKEN} cookie), else it is refused with 403. Requests with an {@code Authorization} header keep using
 * HTTP Basic. The user's groups are read fresh from the identity service: a user deleted or moved since the login
 * gets what he has now.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {
    /** Where the Camunda webapps keep their logins (AuthenticationUtil.CAM_AUTH_SESSION_KEY). */
    static final String WEBAPP_LOGINS = "authenticatedUser";

    private final IdentityService identityService;
    private final String engineName;

    WebappSessionAuthenticationFilter(IdentityService identityService, String engineName) {
        this.identityService = identityService;
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = request.getHeader(HttpHeaders.AUTHORIZATION) == null ? webappUser(request.getSession(false)) : null;
        if (userId == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!CsrfConstants.CSRF_NON_MODIFYING_METHODS_PATTERN.matcher(request.getMethod()).matches()
                && !csrfTokenMatches(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"title\":\"CSRF 校验失败 CSRF check failed\",\"status\":403,\"detail\":\""
                    + "a request that changes data with the webapp login must send the header X-XSRF-TOKEN "
                    + "(the value of the XSRF-TOKEN cookie)\"}");
            return;
        }
        List<SimpleGrantedAuthority> authorities = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .map(id -> new SimpleGrantedAuthority(CurrentUser.GROUP_PREFIX + id))
                .toList();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The user logged into the webapps for this engine in this session, if he still exists. */
    private String webappUser(HttpSession session) {
        if (session == null || !(session.getAttribute(WEBAPP_LOGINS) instanceof Authentications logins)) {
            return null;
        }
        Authentication login = logins.getAuthenticationForProcessEngine(engineName);
        if (!(login instanceof UserAuthentication) || login.getName() == null) {
            return null;
        }
        return identityService.createUserQuery().userId(login.getName()).count() == 1 ? login.getName() : null;
    }

    private static boolean csrfTokenMatches(HttpServletRequest request) {
        Object expected = request.getSession().getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String given = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return expected instanceof String token && given != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
