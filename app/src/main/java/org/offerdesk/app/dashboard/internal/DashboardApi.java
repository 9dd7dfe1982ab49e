package org.offerdesk.app.dashboard.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.offerdesk.app.identity.Caller;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's figures for automation: the same numbers, and links, as the home page. */
@RestController
@RequestMapping("/api/v1/dashboard")
@Tag(name = "Dashboard")
class DashboardApi {

  private final Dashboard dashboard;

  DashboardApi(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  @GetMapping
  @PreAuthorize("hasAuthority('OFFERS_VIEW') and hasAuthority('ORDERS_VIEW')")
  @Operation(summary = "Pipeline, bookings, what needs attention and renewals due, for a period (this quarter by "
      + "default) and the whole team or one offer owner")
  DashboardView get(@AuthenticationPrincipal Caller caller,
      @Parameter(description = "first day, YYYY-MM-DD (UTC), with to") @RequestParam(required = false) String from,
      @Parameter(description = "last day, included, with from") @RequestParam(required = false) String to,
      @Parameter(description = "month, quarter or year around today, when from and to are not given")
      @RequestParam(required = false) String period,
      @Parameter(description = "only this owner's offers (and their orders), as offers record their owner (a "
          + "member's email); \"me\" for the caller: a member's own email, or, for an API token, the token itself "
          + "(the offers it created, owner \"token NAME (ID)\"); the answer's period.owner says whom it counted")
      @RequestParam(required = false) String owner) {
    return dashboard.of(caller, Period.parse(period, from, to, dashboard.today()), owner(caller, owner));
  }

  /**
   * The owner a request asks for: "me" is the caller as offers record their owner (a member's email; for a
   * token, the token, which owns the offers it created and nothing else: a script that wants a member's figures
   * names the member); blank is the team.
   */
  static String owner(Caller caller, String owner) {
    if (owner == null || owner.isBlank()) {
      return null;
    }
    return owner.strip().equals("me") ? caller.describe() : owner.strip();
  }
}
