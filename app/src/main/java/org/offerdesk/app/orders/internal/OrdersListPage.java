package org.offerdesk.app.orders.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.orders.OrderStatus;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Orders page of the console: every order in one table with counts per status, filters, pages and the
 * CSV export, and above it the orders that wait for the seller's action. It reads the same table as the
 * orders API ({@link OrderTable}, {@link OrderStore}).
 */
@Controller
class OrdersListPage {

  static final int PAGE_SIZE = 50;

  private final OrderStore orders;
  private final Listings listings;

  OrdersListPage(OrderStore orders, Listings listings) {
    this.orders = orders;
    this.listings = listings;
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
    model.addAttribute("rows", page.items().stream().map(o -> OrderPageModels.OrderRow.of(o, titles)).toList());
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
}
