package org.leadtocash.system.security;

import org.leadtocash.shared.CurrentUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates a lead source channel by its API key (header {@value #HEADER}). The principal is
 * {@code channel:<NAME>} with authority {@code CHANNEL_<NAME>}; keys are compared in constant time.
 */
class ChannelApiKeyFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Api-Key";
    public static final String CHANNEL_AUTHORITY_PREFIX = "CHANNEL_";

    private final Map<String, String> keys;

    public ChannelApiKeyFilter(ChannelKeyProperties properties) {
        this.keys = properties.channelKeys();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        String channel = presented == null ? null : channelFor(presented);
        if (channel == null) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"title\":\"未认证 Unauthorized\",\"status\":401,\"detail\":\""
                    + (presented == null ? "header X-Api-Key is required" : "X-Api-Key is not a known channel key")
                    + "\",\"errors\":[{\"field\":\"X-Api-Key\",\"rule\":\"channel-key\",\"message\":\"a valid channel API key is required\"}]}");
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                CurrentUser.CHANNEL_PRINCIPAL_PREFIX + channel, null, List.of(new SimpleGrantedAuthority(CHANNEL_AUTHORITY_PREFIX + channel))));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private String channelFor(String presented) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, String> e : keys.entrySet()) {
            if (e.getValue() != null && !e.getValue().isBlank()
                    && MessageDigest.isEqual(given, e.getValue().getBytes(StandardCharsets.UTF_8))) {
                match = e.getKey();
            }
        }
        return match;
    }
}
