package io.pushtrain.server.distribution;

import io.pushtrain.distribution.DistributionException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The distribution API's refusals as problem details, tried before the server's general advice
 * so that a bad body names the JSON the endpoint reads.
 */
@RestControllerAdvice(assignableTypes = { HostController.class, ArtifactController.class, RolloutController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class DistributionProblems {

    @ExceptionHandler(DistributionException.NotFound.class)
    ProblemDetail notFound(DistributionException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler(DistributionException.Invalid.class)
    ProblemDetail invalid(DistributionException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    }

    @ExceptionHandler(DistributionException.Forbidden.class)
    ProblemDetail forbidden(DistributionException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
    }

    @ExceptionHandler(DistributionException.Conflict.class)
    ProblemDetail conflict(DistributionException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    }

    @ExceptionHandler(DistributionException.class)
    ProblemDetail refused(DistributionException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badPath(MethodArgumentTypeMismatchException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                ex.getName() + " " + ex.getValue() + " is not valid here: a rollout id is a number.");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException ex, HandlerMethod handler) {
        String example = handler.getMethod().getName().equals("register")
                ? "{\"name\": \"web-1\", \"rack\": \"r1\", \"tier\": \"canary\", \"address\": \"10.1.0.7\"}"
                : handler.getMethod().getName().equals("report")
                        ? "{\"version\": \"<artifact id>\", \"state\": \"RUNNING\", \"progress\": 100, \"detail\": null},"
                                + " state one of IDLE, DOWNLOADING, VERIFYING, RUNNING, FAILED"
                        : "{\"artifact\": \"<artifact id>\"}";
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body is not the JSON this endpoint reads; send a JSON object such as " + example + ".");
    }
}
