package io.pushtrain.server.security;

import io.pushtrain.train.People;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may do what: HTTP Basic or a bearer API token for {@code /api/**}, a login form for the
 * web pages, health and metrics open to operators' probes.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ThrottledPasswords passwordLogins(PeopleUserDetails people, PasswordEncoder encoder, LoginProperties limits) {
        return new ThrottledPasswords(people, encoder, limits);
    }

    /**
     * A request the firewall refuses (an encoded slash or dot segment, a control character) is
     * a 400, which the error page answers as a problem detail; Spring's default is a 500.
     */
    @Bean
    RequestRejectedHandler requestRejected() {
        return new HttpStatusRequestRejectedHandler(HttpStatus.BAD_REQUEST.value());
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, People people, ReviewsProperties reviews) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.securityMatcher("/api/**")
            .authorizeHttpRequests(requests -> requests
                // A review tool signs its webhook; of the people, only a release engineer may post one.
                .requestMatchers(HttpMethod.POST, "/api/reviews").hasAnyAuthority(WebhookSignature.ROLE, "ROLE_RELEASE_ENGINEER")
                .anyRequest().authenticated())
            .httpBasic(basic -> basic.authenticationEntryPoint(problems))
            .addFilterBefore(new ApiTokenFilter(people, problems), BasicAuthenticationFilter.class)
            .addFilterAfter(new WebhookSignature(reviews, problems), ApiTokenFilter.class)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable())
            .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                        "/actuator/info", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                        "/login", "/error", "/webjars/**", "/css/**", "/js/**", "/images/**", "/favicon.ico",
                        "/favicon.svg")
                .permitAll()
                .anyRequest().authenticated())
            .formLogin(form -> form.loginPage("/login").permitAll())
            .httpBasic(basic -> { })
            .logout(logout -> logout.permitAll());
        return http.build();
    }
}
