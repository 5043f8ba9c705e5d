package io.pushtrain.irc;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code pushtrain.irc.*}; the bot's parts are components of the sub-packages. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IrcProperties.class)
class IrcConfiguration {
}
