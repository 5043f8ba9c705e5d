package io.pushtrain.train;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The release-train module on its own, for its integration tests. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrainTestApplication {
}
