package io.pushtrain.server.web;

import io.pushtrain.irc.ConsoleLinks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prints where the dashboard is once the server takes traffic: the address people open
 * ({@code pushtrain.public-url}, else this machine and the port it listens on), the same one IRC links use.
 */
@Component
class DashboardAddress {

    private static final Logger log = LoggerFactory.getLogger(DashboardAddress.class);

    private final ConsoleLinks links;

    DashboardAddress(ConsoleLinks links) {
        this.links = links;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        log.info("Dashboard: {} (API under {}, its reference at {})", links.to("/"), links.to("/api"),
                links.to("/swagger-ui.html"));
    }
}
