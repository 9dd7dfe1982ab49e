package org.offerdesk.app.identity.internal;

import org.offerdesk.app.identity.Callers;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security handles its POST. */
@Controller
class SignInPage {

  @GetMapping("/signin")
  String signIn() {
    return Callers.current().isPresent() ? "redirect:/offers" : "signin";
  }
}
