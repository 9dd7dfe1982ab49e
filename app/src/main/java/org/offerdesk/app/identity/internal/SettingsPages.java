package org.offerdesk.app.identity.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Permission;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.FlashOutcome;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings in the console: users, API tokens and the audit log. */
@Controller
class SettingsPages {

  private final Tokens tokens;
  private final Team team;
  private final JdbcAuditLog audit;

  SettingsPages(Tokens tokens, Team team, JdbcAuditLog audit) {
    this.tokens = tokens;
    this.team = team;
    this.audit = audit;
  }

  @GetMapping("/settings")
  String settings(@AuthenticationPrincipal Caller caller) {
    if (caller.can(Permission.USERS_MANAGE)) {
      return "redirect:/settings/users";
    }
    return "settings/index";
  }

  @GetMapping("/settings/users")
  @PreAuthorize("hasAuthority('USERS_MANAGE')")
  String users(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String cursor, Model model) {
    Instant now = tokens.now();
    listWithForm(model, caller, team.list(caller, cursor, CursorPage.MAX_LIMIT).map(m -> IdentityApi.view(m, now)),
        cursor, Map.of("email", "", "displayName", "", "role", ""));
    model.addAttribute("me", caller.userId());
    return "settings/users";
  }

  @PostMapping("/settings/users")
  @PreAuthorize("hasAuthority('USERS_MANAGE')")
  String addUser(@AuthenticationPrincipal Caller caller, @RequestParam String email,
      @RequestParam String displayName, @RequestParam(required = false) String role,
      @RequestParam(required = false) String password, Model model, RedirectAttributes redirect) {
    try {
      Role parsed = parseRole(role);
      Team.AddedMember added = team.add(caller, new Team.NewMember(email, displayName, parsed, password));
      redirect.addFlashAttribute("notice", "Added " + added.member().email() + " as " + added.member().role() + ".");
      if (added.initialPassword() != null) {
        redirect.addFlashAttribute("initialPassword", added.initialPassword());
        redirect.addFlashAttribute("initialPasswordFor", added.member().email());
      }
      return "redirect:/settings/users";
    } catch (DomainException problem) {
      model.addAttribute("errors", fieldErrors(problem));
      model.addAttribute("form", Map.of("email", email, "displayName", displayName, "role", role == null ? "" : role));
      return users(caller, null, model);
    }
  }

  @PostMapping("/settings/users/{id}")
  @PreAuthorize("hasAuthority('USERS_MANAGE')")
  String changeUser(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam(required = false) String role, @RequestParam(required = false) Boolean active,
      @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
    FlashOutcome.flash(redirect, () -> {
      Member changed = team.change(caller, id,
          new Team.MemberChange(role == null ? null : parseRole(role), active, version));
      return "Saved " + changed.email() + ": " + changed.role() + (changed.active() ? "" : ", deactivated") + ".";
    });
    return "redirect:/settings/users";
  }

  @GetMapping("/settings/tokens")
  @PreAuthorize("hasAuthority('TOKENS_MANAGE')")
  String tokens(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String cursor, Model model) {
    Instant now = tokens.now();
    listWithForm(model, caller, tokens.list(caller, cursor, CursorPage.MAX_LIMIT).map(t -> IdentityApi.view(t, now)),
        cursor, Map.of("name", "", "expiresInDays", ""));
    model.addAttribute("defaultRole", caller.role());
    return "settings/tokens";
  }

  @PostMapping("/settings/tokens")
  @PreAuthorize("hasAuthority('TOKENS_MANAGE')")
  String createToken(@AuthenticationPrincipal Caller caller, @RequestParam String name,
      @RequestParam(required = false) String role, @RequestParam(required = false) String expiresInDays, Model model,
      RedirectAttributes redirect) {
    try {
      Integer days = expiresInDays == null || expiresInDays.isBlank() ? null : parseDays(expiresInDays);
      Tokens.IssuedToken issued = tokens.issue(caller, new Tokens.TokenRequest(name, parseRole(role), days));
      redirect.addFlashAttribute("newSecret", issued.secret());
      redirect.addFlashAttribute("newTokenName", issued.token().name());
      return "redirect:/settings/tokens";
    } catch (DomainException problem) {
      model.addAttribute("errors", fieldErrors(problem));
      model.addAttribute("form", Map.of("name", name, "expiresInDays", expiresInDays == null ? "" : expiresInDays));
      return tokens(caller, null, model);
    }
  }

  @PostMapping("/settings/tokens/{id}/revoke")
  @PreAuthorize("hasAuthority('TOKENS_MANAGE')")
  String revokeToken(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    ApiToken revoked = tokens.revoke(caller, id);
    redirect.addFlashAttribute("notice", "Revoked token " + revoked.name() + ".");
    return "redirect:/settings/tokens";
  }

  /**
   * The users and tokens pages: a page of the list beside a form to add one, which keeps what was sent and
   * the errors when the service refused it, or starts empty.
   */
  private static void listWithForm(Model model, Caller caller, CursorPage<?> page, String cursor,
      Map<String, String> emptyForm) {
    model.addAttribute("page", page);
    model.addAttribute("roles", Role.forKind(caller.organizationKind()));
    model.addAttribute("cursor", cursor);
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", emptyForm);
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
  }

  @GetMapping("/settings/audit")
  @PreAuthorize("hasAuthority('AUDIT_VIEW')")
  String audit(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String cursor, Model model) {
    model.addAttribute("page", audit.list(caller.organizationId(), cursor, 100));
    return "settings/audit";
  }

  private static Role parseRole(String role) {
    if (role == null || role.isBlank()) {
      return null;
    }
    try {
      return Role.valueOf(role);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("role", "is not a role");
    }
  }

  private static Integer parseDays(String value) {
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInput("expiresInDays", "must be a whole number of days");
    }
  }

  private static Map<String, String> fieldErrors(DomainException problem) {
    Map<String, String> errors = new LinkedHashMap<>();
    problem.errors().forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
    if (errors.isEmpty()) {
      errors.put("_", problem.getMessage());
    }
    return errors;
  }
}
