package org.offerdesk.app.identity.internal;

import org.offerdesk.app.identity.Callers;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security handles its POST. Before first-run setup there is no one to sign in. */
@Controller
class SignInPage {

  private final FirstRunSetup setup;

  SignInPage(FirstRunSetup setup) {
    this.setup = setup;
  }

  @GetMapping("/signin")
  String signIn() {
    if (setup.isPending()) {
      return "redirect:/setup";
    }
    return Callers.current().isPresent() ? "redirect:/dashboard" : "signin";
  }
}
