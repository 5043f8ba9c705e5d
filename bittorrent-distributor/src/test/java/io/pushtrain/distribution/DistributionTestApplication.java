package io.pushtrain.distribution;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The distribution module on its own, on the shared test PostgreSQL, for its integration tests. */
@SpringBootApplication
public class DistributionTestApplication {
}
