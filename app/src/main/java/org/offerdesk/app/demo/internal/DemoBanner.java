package org.offerdesk.app.demo.internal;

import org.offerdesk.app.identity.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.unbescape.html.HtmlEscape;

/**
 * While the demo's history is being seeded, the dashboard says so (model attribute {@code demoBanner}, the
 * banner's HTML, which the dashboard writes between its header and its figures): its figures are still filling
 * in. Text is escaped as {@code th:text} escapes it.
 */
@ControllerAdvice(basePackages = "org.offerdesk.app.dashboard")
record DemoBanner(DemoSeedings seedings) {

  @ModelAttribute("demoBanner")
  String demoBanner(@AuthenticationPrincipal Caller caller) {
    DemoSeeding seeding = caller == null ? null : seedings.running(caller.organizationId()).orElse(null);
    return seeding == null ? null : html(seeding);
  }

  static String html(DemoSeeding seeding) {
    String step = seeding.step() == null ? ""
        : "<span>" + HtmlEscape.escapeHtml4Xml(": " + seeding.step() + " (step " + (seeding.stepsDone() + 1) + " of "
            + seeding.stepsTotal() + ")") + "</span>";
    return "<div class=\"alert alert-info py-2\" role=\"status\" data-testid=\"demo-seeding\">\n"
        + "    Seeding the demo's year of business" + step + ".\n"
        + "    The figures below fill in as it goes: reload to see them.\n"
        + "  </div>";
  }
}
