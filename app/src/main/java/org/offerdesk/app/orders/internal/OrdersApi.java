package org.offerdesk.app.orders.internal;

import org.offerdesk.app.errors.NotFound;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.orders.BookingKind;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.offers.ResellerDeal;
import org.offerdesk.app.orders.OrderMoney;
import org.springframework.beans.factory.ObjectProvider;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The orders API: every order of the caller's organization, its registration, provisioning and booking. */
@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders")
class OrdersApi {

  record RegistrationBody(String company, String contactName, String email, Map<String, String> fields) {}

  private final OrderStore orders;
  private final OrderLifecycle lifecycle;
  private final Registrations registrations;
  private final ObjectProvider<OrderMoney> money;
  private final ResellerDeals deals;

  OrdersApi(OrderStore orders, OrderLifecycle lifecycle, Registrations registrations, ObjectProvider<OrderMoney> money,
      ResellerDeals deals) {
    this.money = money;
    this.deals = deals;
    this.orders = orders;
    this.lifecycle = lifecycle;
    this.registrations = registrations;
  }

  /**
   * Orders a page at a time, newest first: filters {@code status}, {@code kind}, {@code q}; {@code limit};
   * {@code cursor} from the previous page.
   */
  @GetMapping
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  @Parameters({
      @Parameter(name = "status", in = ParameterIn.QUERY, schema = @Schema(implementation = OrderStatus.class)),
      @Parameter(name = "kind", in = ParameterIn.QUERY, schema = @Schema(implementation = OrderKind.class)),
      @Parameter(name = "q", in = ParameterIn.QUERY),
      @Parameter(name = "bookingKind", in = ParameterIn.QUERY, schema = @Schema(implementation = BookingKind.class)),
      @Parameter(name = "owner", in = ParameterIn.QUERY, description = "the owner of the offer the order came from"),
      @Parameter(name = "acceptedFrom", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date")),
      @Parameter(name = "acceptedTo", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date")),
      @Parameter(name = "endsFrom", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date")),
      @Parameter(name = "endsTo", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date")),
      @Parameter(name = "active", in = ParameterIn.QUERY, description = "true: not cancelled or ended",
          schema = @Schema(type = "boolean")),
      @Parameter(name = "limit", in = ParameterIn.QUERY, schema = @Schema(implementation = Integer.class)),
      @Parameter(name = "cursor", in = ParameterIn.QUERY)})
  CursorPage<OrderView> list(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    OrderTable.Filter filter = OrderTable.Filter.from(p);
    CursorPage<Order> page = orders.table(caller.organizationId(), filter)
        .page(p.page(OrderTable.NEWEST, CursorPage.DEFAULT_LIMIT));
    Map<UUID, ResellerDeal> byOrder = deals.of(caller.organizationId(), page.items().stream().map(Order::id).toList());
    return page.map(o -> OrderView.of(o, orders.timeline(o.organizationId(), o.id()))
        .withResellerDeal(byOrder.get(o.id())));
  }

  @GetMapping("/{id}")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  OrderView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    Order order = orders.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Order " + id));
    OrderView view = OrderView.of(order, orders.timeline(caller.organizationId(), id))
        .withResellerDeal(deals.find(caller.organizationId(), id).orElse(null));
    OrderMoney ledger = money.getIfAvailable();
    return ledger == null ? view : ledger.of(caller.organizationId(), OrderDirectoryService.ref(order))
        .map(view::withMoney).orElse(view);
  }

  /** The seller's systems (or a person) report the product provisioned for the buyer. */
  @PostMapping("/{id}/provisioned")
  @PreAuthorize("hasAuthority('ORDERS_EDIT') or hasAuthority('OFFERS_EDIT')")
  OrderView provisioned(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    Order order = lifecycle.provisioned(caller, id);
    return OrderView.of(order, orders.timeline(caller.organizationId(), id));
  }

  /** The seller identifies the buyer of an order that is waiting for registration. */
  @PostMapping("/{id}/registration")
  @PreAuthorize("hasAuthority('ORDERS_EDIT') or hasAuthority('OFFERS_EDIT')")
  OrderView register(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody RegistrationBody body) {
    Order order = registrations.registerBySeller(caller.organizationId(), id, new Registrations.Form(body.company(),
        body.contactName(), body.email(), body.fields() == null ? Map.of() : body.fields()), caller.describe());
    return OrderView.of(order, orders.timeline(caller.organizationId(), id));
  }

  @GetMapping(value = "/{id}/booking", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<JsonNode> booking(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    JsonNode artifact = booking(orders, caller, id);
    return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"booking-" + id + ".json\"")
        .body(artifact);
  }

  @GetMapping(value = "/{id}/booking.csv", produces = "text/csv")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<String> bookingCsv(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    JsonNode artifact = booking(orders, caller, id);
    return CsvExport.attachment("booking-" + id + ".csv", Bookings.csv(artifact));
  }

  /** The order's booking artifact: 404 for an order of another organization, or one not booked yet. */
  static JsonNode booking(OrderStore orders, Caller caller, UUID id) {
    orders.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Order " + id));
    return orders.booking(caller.organizationId(), id)
        .orElseThrow(() -> new NotFound("A booking for order " + id + " (it is booked when registered)"));
  }

  /** Every order under the list's filters, as CSV. */
  @GetMapping(value = "/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    return CsvExport.attachment("orders.csv", csv(orders, caller, params));
  }

  /** The export of the API and of the page: every order the (strictly read) filters let through. */
  static String csv(OrderStore orders, Caller caller, Map<String, String> params) {
    OrderTable.Filter filter = TableParams.strictFilter(params, OrderTable.Filter::from);
    return CsvColumn.csv(OrderTable.CSV,
        row -> orders.table(caller.organizationId(), filter).each(OrderTable.NEWEST, row));
  }
}
