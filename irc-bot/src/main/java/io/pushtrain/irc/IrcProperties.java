package io.pushtrain.irc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the IRC bot connects and behaves.
 *
 * @param enabled {@code false} turns the bot off; unset means on when {@code host} is set (or, in
 *     demo mode, when a local ngircd can be started)
 * @param host the IRC server; unset means no bot outside demo mode
 * @param port the server's port
 * @param tls connect with TLS
 * @param nick the bot's nick
 * @param sasl the services account the bot logs into, if the server has services
 * @param channels the channels the bot joins, announces pushes in, and mentions requesters in
 * @param messageDelay the pause between two lines the bot sends, to stay under the server's flood limit
 * @param maxLineBytes the longest text of one line the bot sends, in UTF-8 bytes (IRC allows 512
 *     bytes with the prefix)
 * @param reconnect how the bot waits before connecting again after losing the server
 * @param flood how many commands one nick may send before the bot tells it to slow down
 * @param oncall who is on call, by team: {@code pushtrain.irc.oncall.search=alice}
 * @param consoleUrl where people open the web console; {@code pushtrain.public-url} is the key to set
 *     now, and unset means this server's own address (see {@link ConsoleLinks})
 * @param demoServer in demo mode with no host, start a local ngircd if one is installed
 */
@ConfigurationProperties("pushtrain.irc")
@Validated
public record IrcProperties(
        Boolean enabled,
        String host,
        @DefaultValue("6667") @Min(1) @Max(65535) int port,
        boolean tls,
        @DefaultValue("pushtrain") @NotBlank String nick,
        @DefaultValue Sasl sasl,
        @DefaultValue("#release") @NotEmpty List<String> channels,
        @DefaultValue("500ms") Duration messageDelay,
        @DefaultValue("400") @Min(64) @Max(480) int maxLineBytes,
        @DefaultValue Reconnect reconnect,
        @DefaultValue Flood flood,
        Map<String, String> oncall,
        String consoleUrl,
        @DefaultValue("true") boolean demoServer) {

    public IrcProperties {
        oncall = oncall == null ? Map.of() : Map.copyOf(oncall);
        channels = List.copyOf(channels);
    }

    public boolean hasHost() {
        return host != null && !host.isBlank();
    }

    /** Explicitly turned off with {@code pushtrain.irc.enabled=false}. */
    public boolean turnedOff() {
        return Boolean.FALSE.equals(enabled);
    }

    /**
     * @param account the services account (SASL PLAIN); unset means no SASL
     * @param password its password
     */
    public record Sasl(String account, String password) {

        public boolean configured() {
            return account != null && !account.isBlank() && password != null;
        }
    }

    /**
     * @param minDelay the first wait after a lost or failed connection
     * @param maxDelay the wait doubles after each failure up to this
     */
    public record Reconnect(@DefaultValue("1s") Duration minDelay, @DefaultValue("5m") Duration maxDelay) {
    }

    /**
     * @param commands how many commands a nick may send within {@code per}
     * @param per the window those commands refill over
     */
    public record Flood(@DefaultValue("5") @Min(1) int commands, @DefaultValue("10s") Duration per) {
    }
}
