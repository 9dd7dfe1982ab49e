package org.offerdesk.app.offers.internal;

import org.offerdesk.app.identity.OrganizationNames;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The page a buyer reaches from the purchase instructions, in the seller's name; no sign-in needed. */
@Controller
class BuyerOfferPage {

  private final PurchaseInstructions instructions;
  private final OfferStore offers;
  private final OrganizationNames names;

  BuyerOfferPage(PurchaseInstructions instructions, OfferStore offers, OrganizationNames names) {
    this.instructions = instructions;
    this.offers = offers;
    this.names = names;
  }

  @GetMapping("/o/{token}")
  String view(@PathVariable String token, Model model) {
    String seller = offers.findByViewToken(token).flatMap(o -> names.nameOf(o.organizationId())).orElse(null);
    PurchaseInstructions.BuyerView view = instructions.open(token, seller)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("view", view);
    model.addAttribute("terms", view.offer().terms());
    return "offers/buyer-view";
  }
}
