package io.pushtrain.irc;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Where people open the web console, for the links the bot and the log give: {@code pushtrain.public-url}
 * when set (the address people reach, behind a proxy or a load balancer), else the older
 * {@code pushtrain.irc.console-url}, else this server's own address: {@code server.address} or the
 * machine's name, and the port it listens on.
 */
@Component
public class ConsoleLinks {

    private final Environment environment;

    public ConsoleLinks(Environment environment) {
        this.environment = environment;
    }

    /** The console's address with {@code path} ("/pushes/12"), never a doubled slash. */
    public String to(String path) {
        return base() + (path.startsWith("/") ? path : "/" + path);
    }

    /** The console's address without a trailing slash. */
    public String base() {
        String configured = environment.getProperty("pushtrain.public-url",
                environment.getProperty("pushtrain.irc.console-url", ""));
        if (StringUtils.hasText(configured)) {
            return configured.strip().replaceAll("/+$", "");
        }
        // Read when a link is made, not at start: the port is known only once the web server listens.
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://" + host() + ":" + port;
    }

    private String host() {
        String address = environment.getProperty("server.address", "");
        if (StringUtils.hasText(address) && !address.equals("0.0.0.0") && !address.equals("::")) {
            return address.contains(":") ? "[" + address + "]" : address;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "localhost";
        }
    }
}
