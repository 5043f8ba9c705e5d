package io.pushtrain.karma;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code pushtrain.karma.*} whether or not the application scans for properties. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KarmaProperties.class)
class KarmaConfiguration {
}
