package org.offerdesk.app.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.offers.OfferSummary;
import org.offerdesk.app.orders.RenewalStatus;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.CountChip;
import org.offerdesk.app.web.table.TableParams;
import org.offerdesk.app.web.table.TableView;
import org.springframework.http.ResponseEntity;
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
 * The Renewals page: agreements ending soon with their renewal status, counts per status, filters, pages and
 * the CSV export (the same table as {@code /api/v1/renewals}); from a row or an order's page, "Renew" drafts
 * the renewal offer and "Churned" records a customer who leaves, with the reason.
 */
@Controller
class RenewalsPage {

  static final int PAGE_SIZE = 50;

  /** Bootstrap colours of the renewal badges: to act on in amber and blue, won in green, lost in grey. */
  static final Map<RenewalStatus, String> STATUS_STYLES = new EnumMap<>(Map.of(
      RenewalStatus.UPCOMING, "text-bg-warning",
      RenewalStatus.OFFER_SENT, "text-bg-info",
      RenewalStatus.RENEWED, "text-bg-success",
      RenewalStatus.LAPSED, "text-bg-danger",
      RenewalStatus.CHURNED, "text-bg-secondary"));

  private final RenewalStore store;
  private final Renewals renewals;
  private final Listings listings;
  private final Clock clock;

  RenewalsPage(RenewalStore store, Renewals renewals, Listings listings, Clock clock) {
    this.store = store;
    this.renewals = renewals;
    this.listings = listings;
    this.clock = clock;
  }

  @GetMapping("/renewals")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  String renewals(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    UUID org = caller.organizationId();
    TableParams p = TableParams.lenient(params);
    RenewalTable.Filter filter = RenewalTable.Filter.from(p, false);
    Instant now = clock.instant();
    Instant from = now.minus(RenewalTable.LOOKBACK);
    Instant until = now.plus(filter.within());
    CursorPage<Renewal> page = store.table(org, filter, from, until).page(p.page(RenewalTable.SOONEST, PAGE_SIZE));
    TableView view = TableView.of("/renewals", "/renewals/export.csv", p, RenewalTable.FIELDS, page);
    model.addAttribute("table", view);
    model.addAttribute("rows", page.items().stream().map(RenewalView::of).toList());
    model.addAttribute("chips", CountChip.of(RenewalStatus.class, store.countsByStatus(org, filter, from, until),
        view, "status", STATUS_STYLES::get));
    model.addAttribute("titles", listings.titles(org));
    model.addAttribute("statusStyles", STATUS_STYLES);
    return "orders/renewals";
  }

  @GetMapping("/renewals/export.csv")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params) {
    return CsvExport.attachment("renewals.csv", RenewalsApi.csv(store, clock.instant(), caller, params));
  }

  /** "Renew" on a row or an order: the renewal offer is drafted and opened in the offer form. */
  @PostMapping("/orders/{id}/renewal-offer")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  String renew(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    try {
      OfferSummary draft = renewals.draftOffer(caller, id);
      redirect.addFlashAttribute("notice", "Renewal offer drafted from agreement " + draft.renewsAgreementId()
          + ": same buyer, product and prices, service from the agreement's end. Change what differs, save, "
          + "and publish it.");
      return "redirect:/offers/" + draft.id() + "/edit";
    } catch (DomainException problem) {
      if (problem instanceof NotFound) {
        throw problem;
      }
      redirect.addFlashAttribute("alert", "Not renewed: " + problem.getMessage());
      return "redirect:/orders/" + id;
    }
  }

  /** "Churned": the customer will not renew; the reason is required. */
  @PostMapping("/renewals/{orderId}/churn")
  @PreAuthorize("hasAuthority('ORDERS_EDIT') or hasAuthority('OFFERS_EDIT')")
  String churn(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId,
      @RequestParam(required = false) String reason, RedirectAttributes redirect) {
    try {
      renewals.churn(caller, orderId, reason);
      redirect.addFlashAttribute("notice", "Marked churned: " + reason.strip());
    } catch (DomainException problem) {
      if (problem instanceof NotFound) {
        throw problem;
      }
      redirect.addFlashAttribute("alert", "Not marked churned: " + (problem.errors().isEmpty() ? problem.getMessage()
          : problem.errors().get(0).field() + " " + problem.errors().get(0).message()));
    }
    return "redirect:/renewals";
  }
}
