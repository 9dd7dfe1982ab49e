package org.offerdesk.app.offers;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The Offers page of the console. */
@Controller
class OffersPage {

  @GetMapping("/offers")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  String offers() {
    return "offers/index";
  }
}
