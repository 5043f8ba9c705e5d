package io.pushtrain.server.flags;

import io.pushtrain.flags.FlagConflict;
import io.pushtrain.flags.UnknownFlag;
import io.pushtrain.gatekeeper.client.FlagException;
import io.pushtrain.gatekeeper.client.InvalidFlag;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Gatekeeper's refusals as RFC 9457 problem details, with the fields a console or script can act on. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FlagProblems {

    @ExceptionHandler(UnknownFlag.class)
    ProblemDetail unknown(UnknownFlag ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler(InvalidFlag.class)
    ProblemDetail invalid(InvalidFlag ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Invalid flag");
        problem.setProperty("problems", ex.problems());
        return problem;
    }

    @ExceptionHandler(FlagConflict.class)
    ProblemDetail conflict(FlagConflict ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Flag changed meanwhile");
        problem.setProperty("expectedVersion", ex.expectedVersion());
        problem.setProperty("currentVersion", ex.currentVersion());
        problem.setProperty("changedBy", ex.changedBy());
        problem.setProperty("changedAt", ex.changedAt() == null ? null : ex.changedAt().toString());
        problem.setProperty("changes", ex.changes());
        return problem;
    }

    @ExceptionHandler(FlagException.class)
    ProblemDetail refused(FlagException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
    }
}
