package io.pushtrain.server;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The push server's own settings.
 *
 * @param dataDir where embedded PostgreSQL, the trunk mirror and artifacts live
 */
@ConfigurationProperties("pushtrain")
public record ServerProperties(@DefaultValue("./pushtrain-data") Path dataDir) {
}
