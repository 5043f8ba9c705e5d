package io.pushtrain.dashboard.layout;

import org.springframework.security.core.Authentication;

/** Who looks at the page, and whether the release engineer's buttons are theirs to press. */
public record Viewer(String name, boolean releaseEngineer) {

    static final String RELEASE_ENGINEER = "ROLE_RELEASE_ENGINEER";

    public static Viewer of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return new Viewer("anonymous", false);
        }
        boolean re = authentication.getAuthorities().stream().anyMatch(a -> RELEASE_ENGINEER.equals(a.getAuthority()));
        return new Viewer(authentication.getName(), re);
    }
}
