package org.offerdesk.app.demo.internal;

import org.offerdesk.app.identity.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * While the demo's history is being seeded, the dashboard says so (model attribute {@code demoSeeding}): its
 * figures are still filling in.
 */
@ControllerAdvice(basePackages = "org.offerdesk.app.dashboard")
record DemoBanner(DemoSeedings seedings) {

  @ModelAttribute("demoSeeding")
  DemoSeeding demoSeeding(@AuthenticationPrincipal Caller caller) {
    return caller == null ? null : seedings.running(caller.organizationId()).orElse(null);
  }
}
