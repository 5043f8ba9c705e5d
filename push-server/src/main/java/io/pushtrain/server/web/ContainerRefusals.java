package io.pushtrain.server.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Refusals that happen before Spring MVC: the body-size and parameter check in front of
 * {@code /api}, and Tomcat's own error report (a malformed request line, an encoded slash, a
 * path that climbs out of the root), which answers a problem detail instead of an HTML page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerRefusals {

    @Bean
    FilterRegistrationBean<RequestLimits> requestLimits(ApiProperties properties) {
        FilterRegistrationBean<RequestLimits> registration = new FilterRegistrationBean<>(new RequestLimits(properties));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                useProblemReports(context);
            }
        }));
    }

    /** Replaces the host's error report valve (Tomcat's, or the one Spring Boot configured). */
    private static void useProblemReports(Context context) {
        Container host = context.getParent();
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReport)) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(new ProblemReport());
    }

    /** Tomcat's error report for requests that never reached the application, as problem+json. */
    static final class ProblemReport extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(ProblemWriter.json(status, ErrorPages.detailOf(status, throwable),
                            request.getDecodedRequestURI()));
                    response.finishResponse();
                }
            }
            catch (IOException | IllegalStateException ignored) {
                // the client went away; there is nobody left to tell
            }
        }
    }
}
