package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
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

  private final OrderQueries queries;
  private final OrderStore orders;
  private final OrderLifecycle lifecycle;
  private final Registrations registrations;

  OrdersApi(OrderQueries queries, OrderStore orders, OrderLifecycle lifecycle, Registrations registrations) {
    this.queries = queries;
    this.orders = orders;
    this.lifecycle = lifecycle;
    this.registrations = registrations;
  }

  @GetMapping
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  CursorPage<OrderView> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) OrderStatus status,
      @RequestParam(required = false) OrderKind kind, @RequestParam(required = false) String q,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return queries.list(caller, new OrderQueries.Filter(status, kind, q), cursor, CursorPage.limit(limit))
        .map(o -> OrderView.of(o, orders.timeline(o.id())));
  }

  @GetMapping("/{id}")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  OrderView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    Order order = orders.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Order " + id));
    return OrderView.of(order, orders.timeline(id));
  }

  /** The seller's systems (or a person) report the product provisioned for the buyer. */
  @PostMapping("/{id}/provisioned")
  @PreAuthorize("hasAuthority('ORDERS_EDIT') or hasAuthority('OFFERS_EDIT')")
  OrderView provisioned(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    Order order = lifecycle.provisioned(caller, id);
    return OrderView.of(order, orders.timeline(id));
  }

  /** The seller identifies the buyer of an order that is waiting for registration. */
  @PostMapping("/{id}/registration")
  @PreAuthorize("hasAuthority('ORDERS_EDIT') or hasAuthority('OFFERS_EDIT')")
  OrderView register(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody RegistrationBody body) {
    Order order = registrations.registerBySeller(caller.organizationId(), id, new Registrations.Form(body.company(),
        body.contactName(), body.email(), body.fields() == null ? Map.of() : body.fields()), caller.describe());
    return OrderView.of(order, orders.timeline(id));
  }

  @GetMapping(value = "/{id}/booking", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<JsonNode> booking(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    orders.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Order " + id));
    JsonNode artifact = orders.booking(caller.organizationId(), id)
        .orElseThrow(() -> new NotFound("A booking for order " + id + " (it is booked when registered)"));
    return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"booking-" + id + ".json\"")
        .body(artifact);
  }

  @GetMapping(value = "/{id}/booking.csv", produces = "text/csv")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<String> bookingCsv(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    orders.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Order " + id));
    JsonNode artifact = orders.booking(caller.organizationId(), id)
        .orElseThrow(() -> new NotFound("A booking for order " + id + " (it is booked when registered)"));
    return CsvExport.attachment("booking-" + id + ".csv", Bookings.csv(artifact));
  }

  @GetMapping(value = "/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) OrderStatus status,
      @RequestParam(required = false) OrderKind kind, @RequestParam(required = false) String q) {
    return CsvExport.attachment("orders.csv", queries.csv(caller, new OrderQueries.Filter(status, kind, q)));
  }
}
