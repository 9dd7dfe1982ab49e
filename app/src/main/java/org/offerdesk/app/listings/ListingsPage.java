package org.offerdesk.app.listings;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The Listings page of the console. */
@Controller
class ListingsPage {

  @GetMapping("/listings")
  @PreAuthorize("hasAuthority('LISTINGS_VIEW')")
  String listings() {
    return "listings/index";
  }
}
