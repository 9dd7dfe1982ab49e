package org.offerdesk.sandbox.buyers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.AccountKind;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.agreements.Agreements;
import org.offerdesk.sandbox.billing.Invoices;
import org.offerdesk.sandbox.catalog.CatalogEntities;
import org.offerdesk.sandbox.catalog.Offer;
import org.offerdesk.sandbox.catalog.Products;
import org.offerdesk.sandbox.catalog.SaaSProduct;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The buyer console, {@code /sandbox/buyer}: a buyer account picks a private offer extended to it or a
 * public product, reads its terms, and accepts or subscribes. Then, as on AWS, the browser is sent to the
 * product's fulfillment URL by a form POST carrying {@code x-amzn-marketplace-token}.
 */
@Controller
class BuyerConsoleController {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Accounts accounts;
  private final Purchases purchases;
  private final CatalogEntities entities;
  private final Products products;
  private final Agreements agreements;
  private final Invoices invoices;
  private final Clock clock;

  BuyerConsoleController(Accounts accounts, Purchases purchases, CatalogEntities entities, Products products, Agreements agreements,
      Invoices invoices, Clock clock) {
    this.accounts = accounts;
    this.purchases = purchases;
    this.entities = entities;
    this.products = products;
    this.agreements = agreements;
    this.invoices = invoices;
    this.clock = clock;
  }

  /** A term as the console shows it: its type, and its other members as readable JSON. */
  record TermView(String type, String details) {}

  @GetMapping({"/sandbox/buyer", "/sandbox/buyer/"})
  String home(@RequestParam(name = "account", required = false) String account, Model model) {
    model.addAttribute("buyers", accounts.all().stream().filter(a -> a.kind() == AccountKind.BUYER).toList());
    model.addAttribute("account", account);
    if (account != null && !account.isBlank()) {
      Purchases.Choices choices = purchases.choicesOf(account);
      model.addAttribute("offers", choices.offers());
      model.addAttribute("publicProducts", choices.publicProducts());
      model.addAttribute("agreements", agreements.ofAcceptor(account));
      model.addAttribute("invoices", invoices.ofPayer(account));
      model.addAttribute("now", clock.instant());
    }
    return "sandbox/buyer";
  }

  @GetMapping("/sandbox/buyer/offers/{offerId}")
  String offer(@PathVariable String offerId, @RequestParam("account") String account, Model model) {
    Offer offer = entities.find(offerId, Offer.class).orElseThrow(() -> new IllegalArgumentException("No offer " + offerId));
    model.addAttribute("account", account);
    model.addAttribute("offer", offer);
    model.addAttribute("product", products.find(offer.productId()).orElseThrow());
    model.addAttribute("seller", accounts.find(offer.ownerAccountId()).map(Account::name).orElse(offer.ownerAccountId()));
    model.addAttribute("terms", views(offer.terms()));
    return "sandbox/buyer-offer";
  }

  @GetMapping("/sandbox/buyer/products/{productId}")
  String product(@PathVariable String productId, @RequestParam("account") String account, Model model) {
    SaaSProduct product = products.find(productId).orElseThrow(() -> new IllegalArgumentException("No product " + productId));
    model.addAttribute("account", account);
    model.addAttribute("product", product);
    model.addAttribute("seller", accounts.find(product.ownerAccountId()).map(Account::name).orElse(product.ownerAccountId()));
    model.addAttribute("terms", views(product.publicOfferTerms()));
    model.addAttribute("entitled", product.dimensions().stream().filter(d -> !product.isMetered(d.key())).toList());
    return "sandbox/buyer-product";
  }

  @PostMapping("/sandbox/buyer/offers/{offerId}/accept")
  String accept(@PathVariable String offerId, @RequestParam("account") String account, Model model,
      HttpServletResponse response) {
    try {
      return fulfillment(purchases.accept(offerId, account, Map.of()), model);
    } catch (PurchaseRefused e) {
      response.setStatus(e.status());
      model.addAttribute("error", e.getMessage());
      return offer(offerId, account, model);
    }
  }

  @PostMapping("/sandbox/buyer/products/{productId}/subscribe")
  String subscribe(@PathVariable String productId, @RequestParam("account") String account,
      @RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
    Map<String, Long> quantities = new LinkedHashMap<>();
    form.forEach((name, value) -> {
      if (name.startsWith("quantity.") && !value.isBlank() && Long.parseLong(value.trim()) > 0) {
        quantities.put(name.substring("quantity.".length()), Long.parseLong(value.trim()));
      }
    });
    try {
      return fulfillment(purchases.subscribe(productId, account, quantities), model);
    } catch (PurchaseRefused e) {
      response.setStatus(e.status());
      model.addAttribute("error", e.getMessage());
      return product(productId, account, model);
    }
  }

  /** The page that POSTs the token to the seller's fulfillment URL, as AWS's own page does. */
  private String fulfillment(Purchases.Purchase purchase, Model model) {
    model.addAttribute("url", purchase.fulfillmentUrl());
    model.addAttribute("token", purchase.token());
    model.addAttribute("agreementId", purchase.agreement().agreementId());
    return "sandbox/fulfillment";
  }

  private static List<TermView> views(List<JsonNode> terms) {
    return terms.stream().map(t -> {
      ObjectNode rest = t.deepCopy();
      rest.remove("Type");
      try {
        return new TermView(t.path("Type").asText(), rest.isEmpty() ? "" : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rest));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
