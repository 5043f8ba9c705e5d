package io.pushtrain.dashboard.layout;

import io.pushtrain.karma.KarmaException;
import io.pushtrain.train.TrainException;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every dashboard page shares: the viewer in the layout, and refusals shown as a page a
 * person reads (the API's problem details stay JSON). Ordered first so it wins over the API's
 * advice for the dashboard's controllers only.
 */
@ControllerAdvice(basePackages = "io.pushtrain.dashboard")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAdvice {

    private static final Logger log = LoggerFactory.getLogger(DashboardAdvice.class);
    private static final Times TIMES = new Times();

    @ModelAttribute("viewer")
    Viewer viewer(Authentication authentication) {
        return Viewer.of(authentication);
    }

    @ModelAttribute("times")
    Times times() {
        return TIMES;
    }

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(Model model, HttpServletResponse response, Authentication authentication) {
        return refusal(model, response, authentication, HttpStatus.FORBIDDEN,
                "Only a release engineer may do this; your roles do not allow it.");
    }

    @ExceptionHandler(TrainException.Unknown.class)
    String notFound(TrainException ex, Model model, HttpServletResponse response, Authentication authentication) {
        return refusal(model, response, authentication, HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler(TrainException.NotAllowed.class)
    String trainForbidden(TrainException ex, Model model, HttpServletResponse response, Authentication authentication) {
        return refusal(model, response, authentication, HttpStatus.FORBIDDEN, ex.getMessage());
    }

    @ExceptionHandler({ TrainException.class, KarmaException.class })
    String refused(RuntimeException ex, Model model, HttpServletResponse response, Authentication authentication) {
        HttpStatus status = ex instanceof KarmaException.OwnKarma ? HttpStatus.FORBIDDEN
                : ex instanceof TrainException.Refused ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        log.info("Dashboard refused: {}", ex.getMessage());
        return refusal(model, response, authentication, status, ex.getMessage());
    }

    private static String refusal(Model model, HttpServletResponse response, Authentication authentication,
            HttpStatus status, String message) {
        response.setStatus(status.value());
        model.addAttribute("viewer", Viewer.of(authentication));
        model.addAttribute("times", TIMES);
        model.addAttribute("status", status.value());
        model.addAttribute("reason", status.getReasonPhrase());
        model.addAttribute("message", message);
        return "dashboard/refused";
    }
}
