package io.pushtrain.dashboard.layout;

import org.springframework.security.core.Authentication;

/**
 * Who looks at the page, and which buttons are theirs to press: the release engineer's, an
 * ADMIN's (people and tokens), a developer's (request, confirm, withdraw their own picks).
 */
public record Viewer(String name, boolean releaseEngineer, boolean admin, boolean developer) {

    static final String RELEASE_ENGINEER = "ROLE_RELEASE_ENGINEER";

    public static Viewer of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return new Viewer("anonymous", false, false, false);
        }
        return new Viewer(authentication.getName(), has(authentication, RELEASE_ENGINEER),
                has(authentication, "ROLE_ADMIN"), has(authentication, "ROLE_DEVELOPER"));
    }

    /** Whether the viewer may request picks: developers, and release engineers as the API lets them. */
    public boolean requestsPicks() {
        return developer || releaseEngineer;
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
