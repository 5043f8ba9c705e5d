package io.pushtrain.server.web;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The container's error page ({@code /error}), in place of Spring Boot's: a refusal raised before
 * a controller (security's firewall, a servlet filter, a failed dispatch) is a problem detail
 * like every other one; only a browser asking for a web page gets a short HTML page.
 */
@Controller
class ErrorPages implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = statusOf(request, failure);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail = detailOf(status, failure);
        if (wantsPage(request, uri)) {
            response.setStatus(status);
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!doctype html><title>pushtrain: " + status + "</title><h1>" + status
                    + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p><p><a href=\"/\">pushtrain</a></p>");
            return;
        }
        ProblemWriter.write(response, status, detail, uri);
    }

    private static int statusOf(HttpServletRequest request, Throwable failure) {
        if (causedBy(failure, RequestLimits.BodyTooLarge.class)) {
            return 413;
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return status instanceof Integer code && code >= 400 ? code : 500;
    }

    static String detailOf(int status, Throwable failure) {
        return switch (status) {
            case 400 -> "The request is not one this server reads: its path, query or headers are malformed"
                    + " (encoded slashes, dot segments and control characters are refused).";
            case 401 -> "Sign in with HTTP Basic or an API token (Authorization: Bearer <token>).";
            case 403 -> "Your roles do not allow this.";
            case 404 -> "There is nothing at this path; the API is described at /v3/api-docs.";
            case 405 -> "This path does not take this method; the API is described at /v3/api-docs.";
            case 413 -> "The request is larger than this server takes (pushtrain.api.max-body for bodies).";
            default -> status >= 500 ? incident(failure) : "The request was refused (" + status + ").";
        };
    }

    private static String incident(Throwable failure) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error before a controller, incident {}", incident, failure);
        return "Something went wrong on the server; the operator can find incident " + incident + " in its log.";
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wantsPage(HttpServletRequest request, String uri) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return (uri == null || !uri.startsWith("/api")) && accept != null && accept.contains("text/html");
    }
}
