package io.pushtrain.server.karma;

import io.pushtrain.karma.KarmaException;
import io.pushtrain.karma.KarmaProperties;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * The karma API's refusals as problem details. Scoped to the karma controllers and tried before
 * the server's general advice, so their details can speak of karma; everything else falls through to it.
 */
@RestControllerAdvice(assignableTypes = { KarmaController.class, ReviewWebhook.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class KarmaProblems {

    private final KarmaProperties properties;

    KarmaProblems(KarmaProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(KarmaException.OwnKarma.class)
    ProblemDetail ownKarma(KarmaException ex) {
        return problem(HttpStatus.FORBIDDEN, ex.getMessage());
    }

    @ExceptionHandler(KarmaException.Invalid.class)
    ProblemDetail invalid(KarmaException ex) {
        return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
    }

    @ExceptionHandler(KarmaException.class)
    ProblemDetail refused(KarmaException ex) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException ex) {
        return problem(HttpStatus.FORBIDDEN,
                "Only a release engineer may change karma; ask one in " + properties.contact() + ".");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException ex, HandlerMethod handler) {
        String example = handler.getBeanType() == ReviewWebhook.class
                ? "{\"source\": \"gerrit\", \"review\": \"12345\", \"commit\": \"<40 hex digits>\", \"comments\": 3,"
                        + " \"reviewers\": 2, \"revisions\": 1}, with whole numbers for the counts"
                : "{\"reason\": \"why, in words the person will read\"}";
        return problem(HttpStatus.BAD_REQUEST, "The body is not the JSON this endpoint reads; send a JSON object"
                + " such as " + example + ".");
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
