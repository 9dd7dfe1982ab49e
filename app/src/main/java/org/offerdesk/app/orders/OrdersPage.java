package org.offerdesk.app.orders;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The Orders page of the console. */
@Controller
class OrdersPage {

  @GetMapping("/orders")
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  String orders() {
    return "orders/index";
  }
}
