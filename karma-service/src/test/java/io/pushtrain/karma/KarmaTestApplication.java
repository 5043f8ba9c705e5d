package io.pushtrain.karma;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The karma module on its own, on the shared test PostgreSQL, for its integration tests. */
@SpringBootApplication
public class KarmaTestApplication {
}
