package io.pushtrain.dashboard.flags;

import io.pushtrain.dashboard.layout.Times;
import io.pushtrain.dashboard.layout.Viewer;
import io.pushtrain.flags.FlagConflict;
import io.pushtrain.flags.UnknownFlag;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;

/** What the flag pages share: who may change a flag, and refusals shown as a page a person reads. */
final class FlagConsole {

    /** The roles that create, change and revert flags; everyone signed in reads and evaluates. */
    static final String CHANGERS = "hasAnyRole('PRODUCT','RELEASE_ENGINEER')";

    private static final Times TIMES = new Times();

    private FlagConsole() {
    }

    static boolean canChange(Authentication viewer) {
        return viewer != null && viewer.getAuthorities().stream()
            .anyMatch(a -> a.getAuthority().equals("ROLE_PRODUCT") || a.getAuthority().equals("ROLE_RELEASE_ENGINEER"));
    }

    static String refusal(RuntimeException ex, Model model, HttpServletResponse response, Authentication viewer) {
        HttpStatus status = status(ex);
        String message = ex instanceof AccessDeniedException
                ? "Only product people and release engineers may change a flag; your roles do not allow it."
                : ex.getMessage();
        response.setStatus(status.value());
        model.addAttribute("viewer", Viewer.of(viewer));
        model.addAttribute("times", TIMES);
        model.addAttribute("status", status.value());
        model.addAttribute("reason", status.getReasonPhrase());
        model.addAttribute("message", message);
        return "dashboard/refused";
    }

    /** Blank reasons become a short account of what the console did, so the history never has a hole. */
    static String reason(String given, String otherwise) {
        return given == null || given.isBlank() ? otherwise : given.strip();
    }

    private static HttpStatus status(RuntimeException ex) {
        if (ex instanceof AccessDeniedException) {
            return HttpStatus.FORBIDDEN;
        }
        if (ex instanceof UnknownFlag) {
            return HttpStatus.NOT_FOUND;
        }
        return ex instanceof FlagConflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    }
}
