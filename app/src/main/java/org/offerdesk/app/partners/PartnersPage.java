package org.offerdesk.app.partners;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The Partners page of the console. */
@Controller
class PartnersPage {

  @GetMapping("/partners")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  String partners() {
    return "partners/index";
  }
}
