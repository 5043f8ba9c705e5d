package io.pushtrain.server.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;

import io.pushtrain.distribution.DistributionException;
import io.pushtrain.flags.FlagConflict;
import io.pushtrain.flags.UnknownFlag;
import io.pushtrain.gatekeeper.client.FlagException;
import io.pushtrain.gatekeeper.client.InvalidFlag;
import io.pushtrain.karma.KarmaException;
import io.pushtrain.karma.KarmaProperties;
import io.pushtrain.train.TrainException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriUtils;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal of the API as an RFC 9457 problem detail whose {@code detail} a person can act
 * on; never a stack trace. The one place where each module's exceptions get their HTTP status.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

    /**
     * Each module's refusals and their status; a refusal not named here answers the status of its
     * nearest named superclass, and a module's root exception 422.
     */
    private static final Map<Class<?>, HttpStatus> STATUS = Map.ofEntries(
            Map.entry(TrainException.Unknown.class, HttpStatus.NOT_FOUND),
            Map.entry(TrainException.Refused.class, HttpStatus.CONFLICT),
            Map.entry(TrainException.NotAllowed.class, HttpStatus.FORBIDDEN),
            Map.entry(TrainException.Invalid.class, HttpStatus.BAD_REQUEST),
            Map.entry(TrainException.Unavailable.class, HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry(KarmaException.OwnKarma.class, HttpStatus.FORBIDDEN),
            Map.entry(KarmaException.Invalid.class, HttpStatus.BAD_REQUEST),
            Map.entry(UnknownFlag.class, HttpStatus.NOT_FOUND),
            Map.entry(DistributionException.NotFound.class, HttpStatus.NOT_FOUND),
            Map.entry(DistributionException.Invalid.class, HttpStatus.BAD_REQUEST),
            Map.entry(DistributionException.Forbidden.class, HttpStatus.FORBIDDEN),
            Map.entry(DistributionException.Conflict.class, HttpStatus.CONFLICT));

    private static final Pattern LONG_WORD = Pattern.compile("\\S{" + (TextLimits.ECHO + 1) + ",}");
    private static final int MAX_DETAIL = 600;

    private final KarmaProperties karma;

    ProblemDetails(KarmaProperties karma) {
        this.karma = karma;
    }

    @ExceptionHandler({ TrainException.class, KarmaException.class, FlagException.class, DistributionException.class })
    ProblemDetail refused(RuntimeException ex) {
        return problem(statusOf(ex.getClass()), ex.getMessage());
    }

    /** The push or train that holds what was asked for, by id, next to the detail: {"push": 12}. */
    @ExceptionHandler(TrainException.Busy.class)
    ProblemDetail busy(TrainException.Busy ex) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, ex.getMessage());
        problem.setProperty(ex.holder(), ex.id());
        return problem;
    }

    private static HttpStatus statusOf(Class<?> refusal) {
        for (Class<?> type = refusal; type != null; type = type.getSuperclass()) {
            HttpStatus status = STATUS.get(type);
            if (status != null) {
                return status;
            }
        }
        return HttpStatus.UNPROCESSABLE_CONTENT;
    }

    @ExceptionHandler(InvalidFlag.class)
    ProblemDetail invalidFlag(InvalidFlag ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Invalid flag");
        problem.setProperty("problems", ex.problems());
        return problem;
    }

    @ExceptionHandler(FlagConflict.class)
    ProblemDetail flagConflict(FlagConflict ex) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Flag changed meanwhile");
        problem.setProperty("expectedVersion", ex.expectedVersion());
        problem.setProperty("currentVersion", ex.currentVersion());
        problem.setProperty("changedBy", ex.changedBy());
        problem.setProperty("changedAt", ex.changedAt() == null ? null : ex.changedAt().toString());
        problem.setProperty("changes", ex.changes());
        return problem;
    }

    // --- before and around the controllers -------------------------------------------------

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException ex, HandlerMethod handler) {
        if (handler != null && handler.getBeanType().getPackageName().endsWith(".karma")) {
            return problem(HttpStatus.FORBIDDEN,
                    "Only a release engineer may change karma; ask one in " + karma.contact() + ".");
        }
        return problem(HttpStatus.FORBIDDEN, "Your roles do not allow this.");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException ex) {
        return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable refused = causeOf(ex, TextRefused.class);
        if (refused != null) {
            return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, refused.getMessage() + "."), headers,
                    HttpStatus.BAD_REQUEST, request);
        }
        Throwable tooLarge = causeOf(ex, RequestLimits.BodyTooLarge.class);
        if (tooLarge != null) {
            return handleExceptionInternal(ex, problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()), headers,
                    HttpStatus.CONTENT_TOO_LARGE, request);
        }
        String example = BodyExamples.of(handler(request));
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, example == null ? "The body is not the JSON this"
                + " endpoint reads; see the OpenAPI document at /v3/api-docs."
                : "The body is not the JSON this endpoint reads; send a JSON object such as " + example + ".");
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        HandlerMethod handler = handler(request);
        String what = handler != null && handler.getBeanType().getSimpleName().equals("RolloutController")
                ? "a rollout id is a number" : "it must be a " + simpleName(ex.getRequiredType());
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, ex.getPropertyName() + " " + TextLimits.echo(String.valueOf(ex.getValue()))
                + " is not valid here: " + what + ".");
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error, incident {}", incident, ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on the server; the operator can find incident " + incident + " in its log.");
    }

    /** Spring's own refusals (405, 415, a missing parameter, ...) echo no more of the input than ours. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            shorten(problem);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static Throwable causeOf(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static HandlerMethod handler(WebRequest request) {
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        return handler instanceof HandlerMethod method ? method : null;
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "value of another kind" : type.getSimpleName().toLowerCase();
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return shorten(ProblemDetail.forStatusAndDetail(status, detail));
    }

    /**
     * A refusal names what it refused by its first {@value TextLimits#ECHO} characters: a detail
     * that repeated a megabyte of input would be a megabyte answer (and a log line) per request.
     */
    private static ProblemDetail shorten(ProblemDetail problem) {
        if (problem.getDetail() != null) {
            problem.setDetail(shortened(problem.getDetail()));
        }
        if (problem.getInstance() == null
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            problem.setInstance(URI.create(UriUtils.encodePath(
                    TextLimits.echo(servlet.getRequest().getRequestURI()), StandardCharsets.UTF_8)));
        }
        return problem;
    }

    private static String shortened(String detail) {
        Matcher word = LONG_WORD.matcher(detail);
        StringBuilder out = new StringBuilder();
        while (word.find()) {
            word.appendReplacement(out, Matcher.quoteReplacement(TextLimits.echo(word.group())));
        }
        word.appendTail(out);
        return out.length() <= MAX_DETAIL ? out.toString() : out.substring(0, MAX_DETAIL) + "…";
    }
}
