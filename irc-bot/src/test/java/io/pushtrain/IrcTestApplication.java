package io.pushtrain;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The IRC bot with the release train and karma beneath it, for the bot's integration tests. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IrcTestApplication {
}
