package io.pushtrain.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.core.Authentication;

/**
 * Who is calling, as the fleet knows callers: a HOST acts as the one host its credential
 * registered. The credential is a fingerprint of the bearer token (a token is issued per host) or,
 * for a password login, of the account.
 */
public final class Callers {

    private Callers() {
    }

    /** Whether the caller is a host and nothing more: host bindings apply to it. */
    public static boolean isOnlyHost(Authentication authentication) {
        return authentication != null && has(authentication, "ROLE_HOST") && !has(authentication, "ROLE_RELEASE_ENGINEER");
    }

    public static boolean isReleaseEngineer(Authentication authentication) {
        return authentication != null && has(authentication, "ROLE_RELEASE_ENGINEER");
    }

    /** The caller's credential fingerprint: {@code token:<sha-256 of the token>} or {@code account:<name>}. */
    public static String credential(Authentication authentication) {
        if (authentication.getDetails() instanceof TokenFingerprint token) {
            return "token:" + token.sha256();
        }
        return "account:" + authentication.getName();
    }

    static TokenFingerprint fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return new TokenFingerprint(HexFormat.of().formatHex(digest));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    /** The details of a request signed in with an API token. */
    record TokenFingerprint(String sha256) {
    }
}
