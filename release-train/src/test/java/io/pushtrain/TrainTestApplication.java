package io.pushtrain;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The release-train module and the leaf modules it uses, for its integration tests. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrainTestApplication {
}
