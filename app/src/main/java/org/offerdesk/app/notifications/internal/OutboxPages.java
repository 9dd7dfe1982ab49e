package org.offerdesk.app.notifications.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CsvExport;
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

/** The console's email pages: the outbox, one email, its CSV export, and the template previews. */
@Controller
class OutboxPages {

  private static final int PAGE_SIZE = 100;
  private static final int CSV_BATCH = 500;

  private final OutboxAdmin outbox;
  private final MailTemplates templates;
  private final SmtpServer smtp;

  OutboxPages(OutboxAdmin outbox, MailTemplates templates, SmtpServer smtp) {
    this.outbox = outbox;
    this.templates = templates;
    this.smtp = smtp;
  }

  @GetMapping("/notifications/outbox")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String outbox(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String status,
      @RequestParam(required = false) String recipient, @RequestParam(required = false) String cursor, Model model) {
    Outbox.Filter filter = OutboxAdmin.filter(status, recipient);
    model.addAttribute("page", outbox.list(caller, filter, cursor, PAGE_SIZE));
    model.addAttribute("status", filter.status() == null ? "" : filter.status().name());
    model.addAttribute("recipient", filter.recipient() == null ? "" : filter.recipient());
    model.addAttribute("statuses", EmailStatus.values());
    model.addAttribute("smtpConfigured", smtp.configured());
    return "notifications/outbox";
  }

  @GetMapping("/notifications/outbox/{id}")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String email(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
    model.addAttribute("email", outbox.get(caller, id));
    return "notifications/email";
  }

  @PostMapping("/notifications/outbox/test")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String sendTest(@AuthenticationPrincipal Caller caller, RedirectAttributes redirect) {
    UUID id = outbox.sendTest(caller);
    redirect.addFlashAttribute("notice", smtp.configured()
        ? "Test email queued to " + caller.email() + "."
        : "No SMTP server is configured: the test email to " + caller.email() + " is kept in the outbox only.");
    return "redirect:/notifications/outbox/" + id;
  }

  @PostMapping("/notifications/outbox/{id}/retry")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String retry(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    FlashOutcome.flash(redirect, () -> {
      outbox.retry(caller, id);
      return "Delivery will be tried again.";
    });
    return "redirect:/notifications/outbox/" + id;
  }

  /** The filtered outbox as CSV, every page of it, without the email bodies. */
  @GetMapping("/notifications/outbox.csv")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  void csv(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String status,
      @RequestParam(required = false) String recipient, HttpServletResponse response) throws IOException {
    Outbox.Filter filter = OutboxAdmin.filter(status, recipient);
    response.setContentType(CsvExport.TEXT_CSV.toString());
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Content-Disposition", "attachment; filename=\"outbox.csv\"");
    CsvExport out = CsvExport.streamedTo(response.getWriter(), List.of("id", "created_at", "status", "to", "subject",
        "template", "attempts", "sent_at", "last_error", "dedupe_key"));
    String cursor = null;
    do {
      CursorPage<OutboxEmail> page = outbox.list(caller, filter, cursor, CSV_BATCH);
      for (OutboxEmail e : page.items()) {
        out.row(Arrays.asList(e.id().toString(), text(e.createdAt()), e.status().name(), String.join("; ", e.to()),
            e.subject(), e.template(), Integer.toString(e.attempts()), text(e.sentAt()), e.lastError(),
            e.dedupeKey()));
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    out.flush();
  }

  @GetMapping("/settings/email-templates")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String templates(Model model) {
    List<MailTemplates.Preview> previews = templates.previews();
    model.addAttribute("previews", previews);
    return "notifications/templates";
  }

  private static String text(Instant at) {
    return at == null ? "" : at.toString();
  }
}
