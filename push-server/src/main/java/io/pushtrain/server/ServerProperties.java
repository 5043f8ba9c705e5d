package io.pushtrain.server;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The push server's own settings.
 *
 * @param dataDir where embedded PostgreSQL, the trunk mirror and artifacts live
 * @param demoPresenceHold in demo mode, how long the demo developers keep the live push waiting for presence
 *        when nobody signs in to the dashboard: a newcomer who signs in first sees the push run
 */
@ConfigurationProperties("pushtrain")
public record ServerProperties(@DefaultValue("./pushtrain-data") Path dataDir,
        @DefaultValue("3m") Duration demoPresenceHold) {
}
