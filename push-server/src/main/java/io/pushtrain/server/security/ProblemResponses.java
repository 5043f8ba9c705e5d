package io.pushtrain.server.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Refusals by the security filters, written as RFC 9457 problem details like every other error. */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        if (exception instanceof ThrottledPasswords.TooManyAttempts paused) {
            long seconds = Math.max(1, paused.retryAfter().toSeconds());
            response.setHeader("Retry-After", Long.toString(seconds));
            write(response, request, HttpStatus.TOO_MANY_REQUESTS, "Too many wrong passwords for this name or from"
                    + " this address; password checks pause for " + seconds + " s (pushtrain.logins.*).");
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"pushtrain\", Bearer");
        write(response, request, HttpStatus.UNAUTHORIZED,
                "Sign in with HTTP Basic or an API token (Authorization: Bearer <token>).");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException exception) throws IOException {
        write(response, request, HttpStatus.FORBIDDEN, "/api/reviews".equals(request.getRequestURI())
                ? "Review reports come from a review tool that signs its webhook (X-Pushtrain-Signature: sha256=<HMAC-SHA256"
                        + " of the body under pushtrain.reviews.webhook-secret), or from a release engineer."
                : "Your roles do not allow this.");
    }

    void write(HttpServletResponse response, HttpServletRequest request, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":" + quote(status.getReasonPhrase())
                + ",\"status\":" + status.value() + ",\"detail\":" + quote(detail)
                + ",\"instance\":" + quote(shortened(request.getRequestURI())) + "}");
    }

    /** The path as the refusal names it: its start, never a whole over-long path. */
    private static String shortened(String uri) {
        return uri.length() <= 64 ? uri : uri.substring(0, 64) + "…";
    }

    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        json.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
