package org.leadtocash.shared;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The user behind the current API request, authenticated against the Camunda identity service.
 * Authorities are the user's Camunda group ids prefixed with {@value #GROUP_PREFIX}.
 */
@Component
public class CurrentUser {
    public static final String GROUP_PREFIX = "GROUP_";
    /** The principal name of a lead source channel that authenticated with its API key: this prefix + the channel. */
    public static final String CHANNEL_PRINCIPAL_PREFIX = "channel:";

    public String id() {
        return authentication().getName();
    }

    public Set<String> groups() {
        return authentication().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(GROUP_PREFIX))
                .map(a -> a.substring(GROUP_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The source channel behind the request (e.g. {@code WEBSITE_FORM}) when a channel key authenticated it, else null. */
    public String channel() {
        String name = authentication().getName();
        return name.startsWith(CHANNEL_PRINCIPAL_PREFIX) ? name.substring(CHANNEL_PRINCIPAL_PREFIX.length()) : null;
    }

    public boolean isIn(String group) {
        return groups().contains(group);
    }

    /** Managers, directors and admins read every lead, customer and instance. */
    public boolean seesAllSalesData() {
        Set<String> groups = groups();
        return Groups.OVERSEERS.stream().anyMatch(groups::contains);
    }

    /** Throws 403 unless the user is in one of the groups. */
    public void requireAnyGroup(String... required) {
        Set<String> groups = groups();
        if (Arrays.stream(required).noneMatch(groups::contains)) {
            throw new AccessDeniedException("requires membership in one of the groups " + String.join(", ", required));
        }
    }

    private static Authentication authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new AuthenticationCredentialsNotFoundException("no authenticated user");
        }
        return authentication;
    }
}
