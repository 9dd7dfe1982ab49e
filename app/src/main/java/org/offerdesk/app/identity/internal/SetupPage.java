package org.offerdesk.app.identity.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * First-run setup in the console: while no organization exists, whoever holds the setup code from the log
 * names the organization and its first admin. Once one exists the page is gone (404).
 */
@Controller
record SetupPage(FirstRunSetup setup, SetupCode code) {

  @GetMapping("/setup")
  String form(Model model) {
    requirePending();
    model.addAttribute("form", Map.of());
    model.addAttribute("errors", Map.of());
    return "setup";
  }

  @PostMapping("/setup")
  String submit(@RequestParam(required = false) String setupCode,
      @RequestParam(required = false) String organizationName, @RequestParam(required = false) String adminEmail,
      @RequestParam(required = false) String adminName, @RequestParam(required = false) String password,
      @RequestParam(required = false) String confirmPassword, Model model) {
    requirePending();
    FirstRunSetup.FirstOrganization request =
        new FirstRunSetup.FirstOrganization(organizationName, adminEmail, adminName, password);
    Map<String, String> errors = new LinkedHashMap<>();
    FirstRunSetup.check(request).forEach(e -> errors.putIfAbsent(e.field(), e.message()));
    if (password != null && !password.equals(confirmPassword)) {
      errors.putIfAbsent("confirmPassword", "does not match the password");
    }
    if (errors.isEmpty()) {
      try {
        code.redeem(setupCode, () -> setup.create(request));
        return "redirect:/signin?setup";
      } catch (DomainException problem) {
        if (problem instanceof Conflict) {
          throw new ResponseStatusException(HttpStatus.NOT_FOUND); // someone else finished setup just now
        }
        problem.errors().forEach(e -> errors.putIfAbsent(e.field(), e.message()));
        if (problem.errors().isEmpty()) {
          errors.put("_", problem.getMessage());
        }
      }
    }
    Map<String, String> form = new HashMap<>();
    form.put("organizationName", organizationName == null ? "" : organizationName);
    form.put("adminEmail", adminEmail == null ? "" : adminEmail);
    form.put("adminName", adminName == null ? "" : adminName);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "setup";
  }

  private void requirePending() {
    if (!setup.isPending()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
  }
}
