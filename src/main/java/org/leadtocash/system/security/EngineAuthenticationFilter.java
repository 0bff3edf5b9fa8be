package org.leadtocash.system.security;

import org.leadtocash.shared.CurrentUser;

import java.io.IOException;
import java.util.ArrayList;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Makes the authenticated API user the engine's current user for the request, so every engine call
 * made on the user's behalf is checked against Camunda authorizations.
 */
class EngineAuthenticationFilter extends OncePerRequestFilter {
    private final IdentityService identityService;

    public EngineAuthenticationFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean user = authentication != null && authentication.isAuthenticated()
                && !authentication.getName().startsWith(CurrentUser.CHANNEL_PRINCIPAL_PREFIX)
                && !"anonymousUser".equals(authentication.getName());
        if (!user) {
            chain.doFilter(request, response);
            return;
        }
        var groups = new ArrayList<String>();
        authentication.getAuthorities().forEach(a -> {
            if (a.getAuthority().startsWith(CurrentUser.GROUP_PREFIX)) {
                groups.add(a.getAuthority().substring(CurrentUser.GROUP_PREFIX.length()));
            }
        });
        identityService.setAuthentication(authentication.getName(), groups);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
