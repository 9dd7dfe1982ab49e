package org.offerdesk.app.marketplace.internal;

import java.util.List;
import java.util.UUID;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.jobs.JobStatus;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.marketplace.internal.MarketplaceEventLog.EventDetail;
import org.offerdesk.app.marketplace.internal.MarketplaceEventLog.EventRow;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead-letter list of marketplace events: what the organization's queue delivered, how handling each
 * went (its durable job), and for one that keeps failing its body and a retry once the cause is fixed.
 */
@Controller
class MarketplaceEventsPage {

  static final int PAGE_SIZE = 100;

  /** Which events the list shows. */
  enum Show { ALL, FAILING, PARKED }

  private final MarketplaceEventLog events;

  MarketplaceEventsPage(MarketplaceEventLog events) {
    this.events = events;
  }

  @GetMapping("/settings/marketplace-events")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String show, Model model) {
    UUID org = caller.organizationId();
    Show filter = parse(show);
    List<Jobs.JobInfo> failing = events.failingJobs(org, PAGE_SIZE);
    List<EventRow> rows = filter == Show.ALL ? events.latest(org, PAGE_SIZE)
        : events.failing(org, failing, filter == Show.PARKED);
    model.addAttribute("rows", rows);
    model.addAttribute("show", filter.name().toLowerCase());
    model.addAttribute("received", events.count(org));
    model.addAttribute("failingCount", failing.size());
    model.addAttribute("parkedCount", failing.stream().filter(j -> j.status() == JobStatus.PARKED).count());
    model.addAttribute("pageSize", PAGE_SIZE);
    return "settings/marketplace-events";
  }

  @GetMapping("/settings/marketplace-events/{eventId}")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String event(@AuthenticationPrincipal Caller caller, @PathVariable String eventId, Model model) {
    EventDetail detail = events.find(caller.organizationId(), eventId)
        .orElseThrow(() -> new NotFound("Marketplace event " + eventId));
    model.addAttribute("event", detail.event());
    model.addAttribute("body", detail.body());
    return "settings/marketplace-event";
  }

  @PostMapping("/settings/marketplace-events/{eventId}/retry")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String retry(@AuthenticationPrincipal Caller caller, @PathVariable String eventId, RedirectAttributes redirect) {
    if (!events.exists(caller.organizationId(), eventId)) {
      throw new NotFound("Marketplace event " + eventId);
    }
    if (events.retry(caller, eventId)) {
      redirect.addFlashAttribute("notice", "Retrying the event now; this page shows how it went.");
    } else {
      redirect.addFlashAttribute("alert", "Only a parked event can be retried; this one is not parked.");
    }
    return "redirect:/settings/marketplace-events/" + eventId;
  }

  private static Show parse(String show) {
    if (show == null || show.isBlank()) {
      return Show.ALL;
    }
    try {
      return Show.valueOf(show.strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("show", "must be all, failing or parked");
    }
  }
}
