package org.offerdesk.app.orders.internal;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.offers.OfferSummary;
import org.offerdesk.app.orders.RenewalStatus;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The renewals API: agreements ending soon with their renewal status, a customer given up with a reason, and
 * "Renew", which drafts a renewal offer from an order's agreement.
 */
@RestController
@Tag(name = "Renewals")
class RenewalsApi {

  record ChurnBody(String reason) {}

  private final RenewalStore store;
  private final Renewals renewals;
  private final java.time.Clock clock;

  RenewalsApi(RenewalStore store, Renewals renewals, java.time.Clock clock) {
    this.store = store;
    this.renewals = renewals;
    this.clock = clock;
  }

  /**
   * Renewals a page at a time, soonest end first: agreements ending within {@code within} (an ISO duration,
   * P120D unless given, at most P366D) and those that ended in the last 120 days; filters {@code status},
   * {@code owner}, {@code productId}, {@code q}; {@code limit}; {@code cursor} from the previous page.
   */
  @GetMapping("/api/v1/renewals")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  @Parameters({
      @Parameter(name = "status", in = ParameterIn.QUERY, schema = @Schema(implementation = RenewalStatus.class)),
      @Parameter(name = "within", in = ParameterIn.QUERY, schema = @Schema(type = "string", example = "P120D")),
      @Parameter(name = "owner", in = ParameterIn.QUERY),
      @Parameter(name = "productId", in = ParameterIn.QUERY),
      @Parameter(name = "q", in = ParameterIn.QUERY),
      @Parameter(name = "limit", in = ParameterIn.QUERY, schema = @Schema(implementation = Integer.class)),
      @Parameter(name = "cursor", in = ParameterIn.QUERY)})
  CursorPage<RenewalView> list(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    RenewalTable.Filter filter = RenewalTable.Filter.strict(p);
    Instant now = clock.instant();
    return store.table(caller.organizationId(), filter, now.minus(RenewalTable.LOOKBACK), now.plus(filter.within()))
        .page(p.page(RenewalTable.SOONEST, CursorPage.DEFAULT_LIMIT)).map(RenewalView::of);
  }

  /** Every renewal under the list's filters, as CSV. */
  @GetMapping(value = "/api/v1/renewals/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    return CsvExport.attachment("renewals.csv", csv(store, clock.instant(), caller, params));
  }

  /** The export of the API and of the page: every renewal the (strictly read) filters let through. */
  static String csv(RenewalStore store, Instant now, Caller caller, Map<String, String> params) {
    RenewalTable.Filter filter = TableParams.strictFilter(params, RenewalTable.Filter::strict);
    return CsvColumn.csv(RenewalTable.CSV, row -> store.table(caller.organizationId(), filter,
        now.minus(RenewalTable.LOOKBACK), now.plus(filter.within())).each(RenewalTable.SOONEST, row));
  }

  /** The renewal of one order (404 until its agreement nears its end and OfferDesk follows it). */
  @GetMapping("/api/v1/renewals/{orderId}")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  RenewalView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId) {
    return renewals.find(caller.organizationId(), orderId).map(RenewalView::of)
        .orElseThrow(() -> new NotFound("Renewal of order " + orderId));
  }

  /** The customer will not renew: CHURNED, with the reason (required), in the audit log. */
  @PostMapping("/api/v1/renewals/{orderId}/churn")
  @PreAuthorize("hasAuthority('ORDERS_EDIT') or hasAuthority('OFFERS_EDIT')")
  RenewalView churn(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId,
      @RequestBody ChurnBody body) {
    return RenewalView.of(renewals.churn(caller, orderId, body == null ? null : body.reason()));
  }

  /**
   * "Renew": drafts a renewal offer prefilled from the order's agreement (same buyer, product, dimensions and
   * prices; service from the agreement's end), flagged {@code "renewal": true}. 201 with the draft; edit it
   * and publish it at {@code /api/v1/offers/{id}}.
   */
  @PostMapping("/api/v1/orders/{id}/renewal-offer")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<OfferSummary> renewalOffer(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    OfferSummary draft = renewals.draftOffer(caller, id);
    return ResponseEntity.created(URI.create("/api/v1/offers/" + draft.id())).body(draft);
  }
}
