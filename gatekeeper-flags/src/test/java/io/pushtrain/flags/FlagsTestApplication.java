package io.pushtrain.flags;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The flags module on its own, for its integration tests. */
@SpringBootApplication
public class FlagsTestApplication {
}
