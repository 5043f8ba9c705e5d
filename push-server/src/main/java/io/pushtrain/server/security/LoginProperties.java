package io.pushtrain.server.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many wrong passwords are taken before password checks pause.
 *
 * @param maxFailuresPerUser wrong passwords for one name within {@code window} before that name's
 *        password checks are refused with 429 until the window has passed
 * @param maxFailuresPerAddress the same for one client address, whatever names it tries
 * @param window how long a wrong password counts
 */
@ConfigurationProperties("pushtrain.logins")
record LoginProperties(@DefaultValue("5") int maxFailuresPerUser, @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("5m") Duration window) {
}
