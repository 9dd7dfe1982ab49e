package org.offerdesk.app.orders.internal;

import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.NotFound;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.offers.NetRevenue;
import org.offerdesk.app.offers.OfferSummary;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.offers.ResellerDeal;
import org.offerdesk.app.orders.OrderMoney;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.FormRefusal;
import org.offerdesk.app.web.table.CountChip;
import org.offerdesk.app.web.table.TableParams;
import org.offerdesk.app.web.table.TableView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
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
 * The Orders pages of the console. The list: every order in one table with counts per status, filters, pages
 * and the CSV export, and above it the orders that wait for the seller's action; it reads the same table as
 * the orders API ({@link OrderTable}, {@link OrderStore}). One order: its parties, terms, registration,
 * entitlements, booking and timeline, where the seller registers a buyer by hand or marks the product
 * provisioned, and downloads the booking. The actions call the same commands as the orders API.
 */
@Controller
class OrderPage {

  static final int PAGE_SIZE = 50;

  private final OrderStore orders;
  private final OrderLifecycle lifecycle;
  private final Registrations registrations;
  private final Listings listings;
  private final Offers offers;
  private final RefundForm refundForm;
  private final Clock clock;
  private final Renewals renewals;
  private final ResellerDeals deals;

  private final ObjectProvider<OrderMoney> money;
  private final ObjectProvider<NetRevenue> netRevenue;

  OrderPage(OrderStore orders, OrderLifecycle lifecycle, Registrations registrations, Listings listings,
      Offers offers, RefundForm refundForm, Clock clock, Renewals renewals,
      ObjectProvider<OrderMoney> money,
      ResellerDeals deals,
      ObjectProvider<NetRevenue> netRevenue) {
    this.deals = deals;
    this.netRevenue = netRevenue;
    this.refundForm = refundForm;
    this.renewals = renewals;
    this.money = money;
    this.orders = orders;
    this.lifecycle = lifecycle;
    this.registrations = registrations;
    this.listings = listings;
    this.offers = offers;
    this.clock = clock;
  }

  @GetMapping("/orders")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  String orders(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    UUID organizationId = caller.organizationId();
    TableParams p = TableParams.lenient(params);
    OrderTable.Filter filter = OrderTable.Filter.from(p);
    CursorPage<Order> page = orders.table(organizationId, filter).page(p.page(OrderTable.NEWEST, PAGE_SIZE));
    Map<String, String> titles = listings.titles(organizationId);
    long everything = orders.count(organizationId);
    TableView view = TableView.of("/orders", "/orders/export.csv", p, OrderTable.FIELDS, page);
    List<CountChip> chips = CountChip.of(OrderStatus.class, orders.countsByStatus(organizationId, filter), view,
        "status", OrderPageModels.STATUS_STYLES::get);

    model.addAttribute("table", everything > 0 ? view : view.withoutExport());
    Map<UUID, ResellerDeal> margins = deals.of(organizationId, page.items().stream().map(Order::id).toList());
    model.addAttribute("rows", page.items().stream().map(o -> OrderPageModels.OrderRow.of(o, titles)
        .withMargin(margins.get(o.id()))).toList());
    model.addAttribute("reseller", caller.organizationKind() == OrganizationKind.RESELLER);
    NetRevenue ledger = netRevenue.getIfAvailable();
    model.addAttribute("net", ledger == null ? null
        : ledger.shown(organizationId, page.items(), Order::id, Order::agreementId));
    model.addAttribute("chips", chips);
    model.addAttribute("everything", everything);
    model.addAttribute("flagged", orders.flagged(organizationId, Order.CANCEL_AND_REFUND_ADVISED).stream()
        .map(o -> OrderPageModels.OrderRow.of(o, titles)).toList());
    model.addAttribute("statusStyles", OrderPageModels.STATUS_STYLES);
    model.addAttribute("flagLabels", OrderPageModels.FLAG_LABELS);
    return "orders/index";
  }

  /** The table as CSV, every page of it, with the filters of the page it was exported from. */
  @GetMapping("/orders/export.csv")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params) {
    return CsvExport.attachment("orders.csv", OrdersApi.csv(orders, caller, params));
  }

  @GetMapping("/orders/{id}")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  String order(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
    Order order = find(caller, id);
    List<OrderStore.TimelineEntry> timeline = orders.timeline(caller.organizationId(), id);
    Optional<Listing> listing = order.productId() == null ? Optional.empty()
        : listings.find(caller.organizationId(), order.productId());
    Optional<OfferSummary> offer = order.offerId() == null ? Optional.empty()
        : offers.find(caller.organizationId(), order.offerId());
    model.addAttribute("order", OrderView.of(order, timeline)
        .withResellerDeal(deals.find(caller.organizationId(), id).orElse(null)));
    model.addAttribute("money", money.stream().findFirst()
        .flatMap(m -> m.of(caller.organizationId(), OrderDirectoryService.ref(order))).orElse(null));
    model.addAttribute("product", listing.map(Listing::title).orElse(order.productId()));
    model.addAttribute("offerName", offer.map(OfferSummary::name).orElse(null));
    model.addAttribute("statusStyles", OrderPageModels.STATUS_STYLES);
    model.addAttribute("flagLabels", OrderPageModels.FLAG_LABELS);
    model.addAttribute("refundSteps", latest(timeline, "cancel and refund advised"));
    model.addAttribute("registrationHelp", order.status() == OrderStatus.PENDING_REGISTRATION
        ? latest(timeline, "automatic registration not possible") : null);
    model.addAttribute("deadlinePassed", order.registrationDeadline() != null
        && !order.registrationDeadline().isAfter(clock.instant()));
    model.addAttribute("booked", orders.booking(caller.organizationId(), id).isPresent());
    model.addAttribute("entitlements", entitlements(caller.organizationId(), id));
    model.addAttribute("canProvision", order.status() == OrderStatus.REGISTERED);
    model.addAttribute("canRegister", order.status() == OrderStatus.PENDING_REGISTRATION);
    refundForm.show(caller, order, model);
    model.addAttribute("renewal", renewals.find(caller.organizationId(), id).map(RenewalView::of).orElse(null));
    model.addAttribute("renews", renewals.renewedBy(caller.organizationId(), id).map(Renewal::id).orElse(null));
    model.addAttribute("canRenew", order.endsAt() != null && order.status() != OrderStatus.CANCELLED
        && order.replacedByOrderId() == null);
    model.addAttribute("renewalStyles", RenewalsPage.STATUS_STYLES);
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Map.of());
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return "orders/order";
  }

  @PostMapping("/orders/{id}/provisioned")
  @PreAuthorize("hasAuthority('ORDERS_EDIT') or hasAuthority('OFFERS_EDIT')")
  String provisioned(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
    try {
      lifecycle.provisioned(caller, id);
      redirect.addFlashAttribute("notice", "Marked provisioned. The seller's systems were told by webhook.");
    } catch (DomainException e) {
      if (e instanceof NotFound) {
        throw e;
      }
      redirect.addFlashAttribute("alert", e.getMessage());
    }
    return "redirect:/orders/" + id;
  }

  @PostMapping("/orders/{id}/registration")
  @PreAuthorize("hasAuthority('ORDERS_EDIT') or hasAuthority('OFFERS_EDIT')")
  String register(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
      HttpServletResponse response) {
    Map<String, String> fields = new LinkedHashMap<>();
    params.forEach((name, value) -> {
      if (name.startsWith("field.") && value != null && !value.isBlank()) {
        fields.put(name.substring("field.".length()), value.strip());
      }
    });
    try {
      registrations.registerBySeller(caller.organizationId(), id, new Registrations.Form(params.get("company"),
          params.get("contactName"), params.get("email"), fields), caller.describe());
      redirect.addFlashAttribute("notice", "Registered. The buyer is welcomed by email and the order is booked.");
      return "redirect:/orders/" + id;
    } catch (DomainException e) {
      return refused(caller, id, e, "Not registered", params, model, response);
    }
  }

  /** A refund asked from the order page: the same command as the API, the form's token as idempotency key. */
  @PostMapping("/orders/{id}/refunds")
  @PreAuthorize("hasAuthority('FINANCE_EDIT')")
  String refund(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
      HttpServletResponse response) {
    try {
      Refund refund = refundForm.submit(caller, id, params);
      redirect.addFlashAttribute("notice", "Refund of " + org.offerdesk.app.money.MoneyFormat.display(refund.amount())
          + " requested from the marketplace: it is pending until the marketplace completes it.");
      return "redirect:/orders/" + id + "#refunds";
    } catch (DomainException e) {
      return refused(caller, id, e, "No refund requested", params, model, response);
    }
  }

  /** The order page again, with the status, message and field errors of what was refused. */
  private String refused(Caller caller, UUID id, DomainException e, String what, Map<String, String> params,
      Model model, HttpServletResponse response) {
    Map<String, String> errors = FormRefusal.fieldErrors(e, response);
    model.addAttribute("errors", errors);
    model.addAttribute("form", params);
    model.addAttribute("alert", errors.isEmpty() ? e.getMessage()
        : what + ": fix the fields marked below.");
    return order(caller, id, model);
  }

  /** The bookable artifact, downloaded from the order page (the API serves the same at /api/v1). */
  @GetMapping(value = "/orders/{id}/booking.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<JsonNode> bookingJson(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    JsonNode artifact = OrdersApi.booking(orders, caller, id);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
        .header("Content-Disposition", "attachment; filename=\"booking-" + id + ".json\"").body(artifact);
  }

  @GetMapping(value = "/orders/{id}/booking.csv", produces = "text/csv")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<String> bookingCsv(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    JsonNode artifact = OrdersApi.booking(orders, caller, id);
    return CsvExport.attachment("booking-" + id + ".csv", Bookings.csv(artifact));
  }

  private Order find(Caller caller, UUID id) {
    return orders.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Order " + id));
  }

  private List<OrderLifecycle.EntitlementView> entitlements(UUID organizationId, UUID orderId) {
    List<OrderLifecycle.EntitlementView> list = new ArrayList<>();
    orders.entitlements(organizationId, orderId).ifPresent(node -> node.forEach(e -> list.add(new OrderLifecycle.EntitlementView(
        e.path("dimension").asText(), e.path("value").isNull() ? null : e.path("value").asText(),
        instant(e.path("expiresAt"))))));
    return list;
  }

  private static Instant instant(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    try {
      return node.isNumber() ? Instant.ofEpochMilli((long) (node.asDouble() * 1000)) : Instant.parse(node.asText());
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The detail of the newest timeline entry with this cause, or null. */
  private static String latest(List<OrderStore.TimelineEntry> timeline, String cause) {
    String found = null;
    for (OrderStore.TimelineEntry e : timeline) {
      if (cause.equals(e.cause())) {
        found = e.detail();
      }
    }
    return found;
  }
}
