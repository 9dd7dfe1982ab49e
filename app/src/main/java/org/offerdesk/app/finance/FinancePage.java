package org.offerdesk.app.finance;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The Finance page of the console. */
@Controller
class FinancePage {

  @GetMapping("/finance")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  String finance() {
    return "finance/index";
  }
}
