package io.pushtrain.dashboard.login;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, in the dashboard's own style; Spring Security checks the form it posts. */
@Controller
class LoginPage {

    @GetMapping("/login")
    String page() {
        return "dashboard/login";
    }
}
