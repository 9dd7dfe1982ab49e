package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.offers.OfferSummary;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.web.ApiProblem;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.ProblemType;
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
 * The Orders pages of the console: every order in one table, and one order with its parties, terms,
 * registration, booking and timeline, where the seller registers a buyer by hand or marks the product
 * provisioned. They call the same queries and commands as the orders API.
 */
@Controller
class OrdersPages {

  static final int PAGE_SIZE = 50;

  /** The filters of the orders table, carried into its links. */
  static final List<String> FILTERS = List.of("q", "status", "kind");

  /** Bootstrap colours of the status badges: waiting in amber, done in green, closed in grey. */
  static final Map<OrderStatus, String> STATUS_STYLES = new EnumMap<>(Map.of(
      OrderStatus.PENDING_REGISTRATION, "text-bg-warning",
      OrderStatus.REGISTERED, "text-bg-primary",
      OrderStatus.PROVISIONED, "text-bg-success",
      OrderStatus.CANCELLED, "text-bg-dark",
      OrderStatus.ENDED, "text-bg-secondary"));

  /** What the flags an order can carry are called on the page. */
  static final Map<String, String> FLAG_LABELS = Map.of(Order.CANCEL_AND_REFUND_ADVISED, "Cancel and refund advised");

  /** One line of the orders table. */
  record OrderRow(UUID id, OrderKind kind, OrderStatus status, String buyerAccountId, String company,
      String product, String total, String currency, Instant acceptedAt, List<String> flags,
      Instant registrationDeadline) {}

  /** A status with how many orders are in it: a chip that filters the table, and a bar of the chart. */
  record StatusCount(OrderStatus status, long count, int percent, String url, boolean active) {}

  private final OrderQueries queries;
  private final OrderStore orders;
  private final OrderCounts counts;
  private final OrderLifecycle lifecycle;
  private final Registrations registrations;
  private final Listings listings;
  private final Offers offers;
  private final Clock clock;

  OrdersPages(OrderQueries queries, OrderStore orders, OrderCounts counts, OrderLifecycle lifecycle,
      Registrations registrations, Listings listings, Offers offers, Clock clock) {
    this.queries = queries;
    this.orders = orders;
    this.counts = counts;
    this.lifecycle = lifecycle;
    this.registrations = registrations;
    this.listings = listings;
    this.offers = offers;
    this.clock = clock;
  }

  // The orders table.

  @GetMapping("/orders")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  String orders(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    List<String> problems = new ArrayList<>();
    OrderQueries.Filter filter = filter(params, problems);
    int limit = PAGE_SIZE;
    try {
      limit = CursorPage.limit(params.get("limit") == null ? null : Integer.valueOf(params.get("limit")));
    } catch (ApiProblem | NumberFormatException e) {
      problems.add("A page holds 1 to " + CursorPage.MAX_LIMIT + " orders; showing " + PAGE_SIZE + ".");
    }
    CursorPage<Order> page;
    String cursor = blankToNull(params.get("cursor"));
    try {
      page = queries.list(caller, filter, cursor, limit);
    } catch (ApiProblem e) {
      problems.add("That page link is not valid any more; showing the first page.");
      cursor = null;
      page = queries.list(caller, filter, null, limit);
    }
    Map<String, String> titles = listingTitles(caller.organizationId());
    List<OrderRow> rows = page.items().stream().map(o -> row(o, titles)).toList();

    Map<OrderStatus, Long> byStatus = counts.byStatus(caller.organizationId(), filter.kind(), filter.q());
    long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long max = byStatus.values().stream().mapToLong(Long::longValue).max().orElse(0);
    Map<String, String> kept = kept(params);
    List<StatusCount> chips = new ArrayList<>();
    for (OrderStatus status : OrderStatus.values()) {
      Map<String, String> withStatus = new LinkedHashMap<>(kept);
      withStatus.put("status", status.name());
      long n = byStatus.get(status);
      chips.add(new StatusCount(status, n, max == 0 ? 0 : (int) Math.max(n == 0 ? 0 : 2, n * 100 / max),
          url("/orders", withStatus), status == filter.status()));
    }
    Map<String, String> withoutStatus = new LinkedHashMap<>(kept);
    withoutStatus.remove("status");
    Map<String, String> exported = new LinkedHashMap<>(kept);
    exported.remove("limit");

    model.addAttribute("rows", rows);
    model.addAttribute("chips", chips);
    model.addAttribute("total", total);
    model.addAttribute("everything", counts.total(caller.organizationId()));
    model.addAttribute("flagged", counts.flagged(caller.organizationId(), Order.CANCEL_AND_REFUND_ADVISED).stream()
        .map(o -> row(o, titles)).toList());
    model.addAttribute("allStatusesUrl", url("/orders", withoutStatus));
    model.addAttribute("filters", kept);
    model.addAttribute("filtered", FILTERS.stream().anyMatch(kept::containsKey));
    model.addAttribute("problems", problems);
    model.addAttribute("statuses", OrderStatus.values());
    model.addAttribute("kinds", OrderKind.values());
    model.addAttribute("statusStyles", STATUS_STYLES);
    model.addAttribute("flagLabels", FLAG_LABELS);
    model.addAttribute("exportUrl", url("/orders/export.csv", exported));
    model.addAttribute("firstPageUrl", cursor != null ? url("/orders", kept) : null);
    if (page.nextCursor() != null) {
      Map<String, String> next = new LinkedHashMap<>(kept);
      next.put("cursor", page.nextCursor());
      model.addAttribute("nextUrl", url("/orders", next));
    }
    return "orders/index";
  }

  /** The table as CSV, every page of it, with the filters of the page it was exported from. */
  @GetMapping("/orders/export.csv")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params) {
    List<String> problems = new ArrayList<>();
    OrderQueries.Filter filter = filter(params, problems);
    if (!problems.isEmpty()) {
      throw new ApiProblem(ProblemType.VALIDATION, String.join(" ", problems));
    }
    return CsvExport.attachment("orders.csv", queries.csv(caller, filter));
  }

  // One order.

  @GetMapping("/orders/{id}")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  String order(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
    Order order = find(caller, id);
    List<OrderStore.TimelineEntry> timeline = orders.timeline(id);
    Optional<Listing> listing = order.productId() == null ? Optional.empty()
        : listings.find(caller.organizationId(), order.productId());
    Optional<OfferSummary> offer = order.offerId() == null ? Optional.empty()
        : offers.find(caller.organizationId(), order.offerId());
    model.addAttribute("order", OrderView.of(order, timeline));
    model.addAttribute("product", listing.map(Listing::title).orElse(order.productId()));
    model.addAttribute("offerName", offer.map(OfferSummary::name).orElse(null));
    model.addAttribute("statusStyles", STATUS_STYLES);
    model.addAttribute("flagLabels", FLAG_LABELS);
    model.addAttribute("refundSteps", latest(timeline, "cancel and refund advised"));
    model.addAttribute("registrationHelp", order.status() == OrderStatus.PENDING_REGISTRATION
        ? latest(timeline, "automatic registration not possible") : null);
    model.addAttribute("deadlinePassed", order.registrationDeadline() != null
        && !order.registrationDeadline().isAfter(clock.instant()));
    model.addAttribute("booked", orders.booking(caller.organizationId(), id).isPresent());
    model.addAttribute("entitlements", entitlements(caller.organizationId(), id));
    model.addAttribute("canProvision", order.status() == OrderStatus.REGISTERED);
    model.addAttribute("canRegister", order.status() == OrderStatus.PENDING_REGISTRATION);
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
    } catch (ApiProblem e) {
      if (e.type() == ProblemType.NOT_FOUND) {
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
    } catch (ApiProblem e) {
      if (e.type() == ProblemType.NOT_FOUND) {
        throw e;
      }
      response.setStatus(e.type().status().value());
      Map<String, String> errors = new LinkedHashMap<>();
      e.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + "; " + b));
      model.addAttribute("errors", errors);
      model.addAttribute("form", params);
      model.addAttribute("alert", errors.isEmpty() ? e.getMessage()
          : "Not registered: fix the fields marked below.");
      return order(caller, id, model);
    }
  }

  /** The bookable artifact, downloaded from the order page (the API serves the same at /api/v1). */
  @GetMapping(value = "/orders/{id}/booking.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<JsonNode> bookingJson(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    JsonNode artifact = booking(caller, id);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
        .header("Content-Disposition", "attachment; filename=\"booking-" + id + ".json\"").body(artifact);
  }

  @GetMapping(value = "/orders/{id}/booking.csv", produces = "text/csv")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<String> bookingCsv(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    JsonNode artifact = booking(caller, id);
    return CsvExport.attachment("booking-" + id + ".csv", Bookings.csv(artifact));
  }

  private JsonNode booking(Caller caller, UUID id) {
    find(caller, id);
    return orders.booking(caller.organizationId(), id)
        .orElseThrow(() -> ApiProblem.notFound("A booking for order " + id + " (it is booked when registered)"));
  }

  private Order find(Caller caller, UUID id) {
    return orders.find(caller.organizationId(), id).orElseThrow(() -> ApiProblem.notFound("Order " + id));
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

  private Map<String, String> listingTitles(UUID organizationId) {
    return listings.all(organizationId).stream()
        .collect(Collectors.toMap(Listing::productId, Listing::title, (a, b) -> a, LinkedHashMap::new));
  }

  private static OrderRow row(Order o, Map<String, String> titles) {
    return new OrderRow(o.id(), o.kind(), o.status(), o.buyerAccountId(),
        o.registration() == null ? null : o.registration().company(),
        o.productId() == null ? null : titles.getOrDefault(o.productId(), o.productId()),
        MoneyFormat.amount(o.totalContractValue()), o.currency(), o.acceptedAt(),
        o.flags(), o.registrationDeadline());
  }

  private static OrderQueries.Filter filter(Map<String, String> params, List<String> problems) {
    return new OrderQueries.Filter(parse(params, "status", OrderStatus::valueOf, "Unknown status", problems),
        parse(params, "kind", OrderKind::valueOf, "Unknown kind", problems), blankToNull(params.get("q")));
  }

  private static <T> T parse(Map<String, String> params, String name, Function<String, T> parser, String problem,
      List<String> problems) {
    String value = blankToNull(params.get(name));
    if (value == null) {
      return null;
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      problems.add(problem + " \"" + value + "\"; that filter is ignored.");
      return null;
    }
  }

  /** The filters that are set, to carry into links. */
  private static Map<String, String> kept(Map<String, String> params) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : FILTERS) {
      String v = blankToNull(params.get(name));
      if (v != null) {
        kept.put(name, v);
      }
    }
    String limit = blankToNull(params.get("limit"));
    if (limit != null) {
      kept.put("limit", limit);
    }
    return kept;
  }

  static String url(String path, Map<String, String> query) {
    String q = query.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return q.isEmpty() ? path : path + "?" + q;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
