package io.pushtrain.server.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password logins (HTTP Basic, the login form) with a pause after too many wrong passwords
 * for a name or from an address; the pause is answered before the password is even checked.
 */
class ThrottledPasswords implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final PasswordAttempts attempts;

    ThrottledPasswords(PeopleUserDetails people, PasswordEncoder encoder, LoginProperties limits) {
        this.passwords = new DaoAuthenticationProvider(people);
        this.passwords.setPasswordEncoder(encoder);
        this.attempts = new PasswordAttempts(limits, Clock.systemUTC());
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        String user = login.getName();
        String address = login.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        attempts.paused(user, address).ifPresent(wait -> {
            throw new TooManyAttempts(wait);
        });
        try {
            Authentication signedIn = passwords.authenticate(login);
            attempts.succeeded(user);
            return signedIn;
        }
        catch (BadCredentialsException wrong) {
            attempts.failed(user, address);
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Too many wrong passwords: answered 429 with Retry-After. */
    static final class TooManyAttempts extends AuthenticationException {

        private final Duration wait;

        TooManyAttempts(Duration wait) {
            super("too many wrong passwords");
            this.wait = wait;
        }

        Duration retryAfter() {
            return wait;
        }
    }
}
