package io.pushtrain;

import io.pushtrain.server.StartupFailure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The push server: the release train, its REST API and its front-ends in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PushtrainApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(PushtrainApplication.class, args);
        }
        catch (Throwable failure) {
            // One line an operator can act on, instead of Spring's report and a stack trace.
            System.err.println(StartupFailure.explain(failure).line());
            System.exit(1);
        }
    }
}
