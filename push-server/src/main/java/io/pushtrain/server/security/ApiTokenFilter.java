package io.pushtrain.server.security;

import java.io.IOException;
import java.util.Optional;

import io.pushtrain.train.People;
import io.pushtrain.train.Person;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Signs in a request that carries {@code Authorization: Bearer <api token>}. */
class ApiTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final People people;
    private final ProblemResponses problems;

    ApiTokenFilter(People people, ProblemResponses problems) {
        this.people = people;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(BEARER.length()).strip();
        Optional<Person> person = people.authenticate(token);
        if (person.isEmpty()) {
            problems.write(response, request, HttpStatus.UNAUTHORIZED,
                    "This API token is unknown or revoked; ask the release engineer for a new one.");
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(person.get().name(), null,
                Authorities.of(person.get()));
        // A host is bound to the token it registered with, not to the person the token belongs to.
        authentication.setDetails(Callers.fingerprint(token));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
