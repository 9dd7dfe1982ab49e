package org.offerdesk.app.offers.internal;

import org.offerdesk.app.identity.OrganizationNames;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page a buyer reaches from the purchase instructions, in the seller's name; no sign-in needed.
 * Opening it has no side effect; the page itself (a script, with the page's CSRF token) posts that it
 * was viewed, so mail scanners and link previews that fetch the link do not mark the offer VIEWED.
 */
@Controller
record BuyerOfferPage(PurchaseInstructions instructions, OfferStore offers, OrganizationNames names) {

  @GetMapping("/o/{token}")
  String view(@PathVariable String token, Model model) {
    String seller = offers.findByViewToken(token).flatMap(o -> names.nameOf(o.organizationId())).orElse(null);
    PurchaseInstructions.BuyerView view = instructions.show(token, seller)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("view", view);
    model.addAttribute("terms", view.offer().terms());
    model.addAttribute("token", token);
    return "offers/buyer-view";
  }

  @PostMapping("/o/{token}/viewed")
  ResponseEntity<Void> viewed(@PathVariable String token) {
    if (!instructions.recordView(token)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return ResponseEntity.noContent().build();
  }
}
