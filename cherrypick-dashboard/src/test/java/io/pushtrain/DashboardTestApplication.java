package io.pushtrain;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** The dashboard with release-train and karma under Spring Boot's default security, for its integration tests. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableMethodSecurity
public class DashboardTestApplication {
}
