package org.offerdesk.app.partners;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The Partners page of the console. */
@Controller
class PartnersPage {

  @GetMapping("/partners")
  @PreAuthorize("hasAuthority('PARTNERS_VIEW')")
  String partners(@org.springframework.security.core.annotation.AuthenticationPrincipal
      org.offerdesk.app.identity.Caller caller) {
    // A reseller's partners are the ISVs that authorized it: its page is their opportunities.
    return caller.organizationKind() == org.offerdesk.app.identity.OrganizationKind.RESELLER
        ? "redirect:/partners/opportunities" : "partners/index";
  }
}
