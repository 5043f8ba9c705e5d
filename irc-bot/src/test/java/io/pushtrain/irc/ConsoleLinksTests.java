package io.pushtrain.irc;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Measured before: every link the bot gave pointed at http://localhost:8080, wherever the server ran. */
class ConsoleLinksTests {

    @Test
    void thePublicUrlWinsWithoutADoubledSlash() {
        MockEnvironment environment = new MockEnvironment().withProperty("pushtrain.public-url", "https://push.corp/")
            .withProperty("pushtrain.irc.console-url", "https://old.corp").withProperty("local.server.port", "18080");
        assertThat(new ConsoleLinks(environment).to("/pushes/12")).isEqualTo("https://push.corp/pushes/12");
    }

    @Test
    void theOlderIrcConsoleUrlStillCountsWhenNoPublicUrlIsSet() {
        MockEnvironment environment = new MockEnvironment().withProperty("pushtrain.irc.console-url", "https://old.corp");
        assertThat(new ConsoleLinks(environment).to("flags/x")).isEqualTo("https://old.corp/flags/x");
    }

    @Test
    void unsetItIsTheServersOwnAddressAndThePortItListensOn() throws Exception {
        MockEnvironment bound = new MockEnvironment().withProperty("server.address", "10.1.2.3")
            .withProperty("server.port", "0").withProperty("local.server.port", "18080");
        assertThat(new ConsoleLinks(bound).to("/")).isEqualTo("http://10.1.2.3:18080/");

        MockEnvironment anyAddress = new MockEnvironment().withProperty("server.port", "9090");
        assertThat(new ConsoleLinks(anyAddress).base())
            .isEqualTo("http://" + InetAddress.getLocalHost().getHostName() + ":9090");
    }
}
