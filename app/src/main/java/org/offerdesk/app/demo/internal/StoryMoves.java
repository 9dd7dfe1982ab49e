package org.offerdesk.app.demo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The moves of the demo story, each what a person does: the seller's team through OfferDesk's API, the buyer
 * and the marketplace's clock through the sandbox. Nothing is written into a table directly.
 */
record StoryMoves(DemoClient seller, DemoClient reseller, DemoClient sandbox) {

  static final Duration WAIT = Duration.ofSeconds(60);

  private static final List<String> COMPANIES = List.of("Northwind Traders", "Globex", "Initech", "Umbrella Health",
      "Stark Logistics", "Wayne Analytics", "Acme Retail", "Soylent Foods", "Hooli Cloud", "Vandelay Imports",
      "Cyberdyne Robotics", "Tyrell Biotech", "Wonka Confections", "Gringotts Finance", "Oceanic Airlines",
      "Pied Piper", "Massive Dynamic", "Aperture Labs", "Prestige Worldwide", "Dunder Mifflin", "Monarch Media",
      "Nakatomi Trading", "Blue Sun Energy", "Sterling Cooper", "Bluth Homes", "Krusty Kitchens", "Gekko Capital",
      "Octan Fuels", "Virtucon", "Ollivander Supply");

  // --- the marketplace's clock ---

  Instant now() {
    return Instant.parse(sandbox.get("/sandbox/clock").at("/now").asText());
  }

  LocalDate today() {
    return LocalDate.ofInstant(now(), ZoneOffset.UTC);
  }

  /** How far the marketplace's clock is from real time (negative while a fresh demo is still in its past). */
  Duration offset() {
    return Duration.parse(sandbox.get("/sandbox/clock").at("/offset").asText());
  }

  void advance(Duration by) {
    if (!by.isNegative() && !by.isZero()) {
      sandbox.post("/sandbox/clock/advance", Map.of("duration", by.toString()), 200);
    }
  }

  // --- buyers ---

  /** Opens the deal's buyer account in the sandbox; one buyer in {@code neverPays} never pays its invoices. */
  void openBuyer(Deal deal, boolean neverPays) {
    String name = COMPANIES.get(deal.index % COMPANIES.size())
        + (deal.index >= COMPANIES.size() ? " " + (deal.index / COMPANIES.size() + 1) : "");
    String id = String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999L));
    sandbox.post("/sandbox/accounts", Map.of("accountId", id, "name", name, "kind", "BUYER"), 201);
    if (neverPays) {
      sandbox.put("/sandbox/accounts/" + id + "/payment-terms", Map.of("method", "INVOICE", "netDays", 30,
          "payment", "NEVER"));
    }
    deal.buyer = id;
    deal.buyerName = name;
  }

  // --- the seller's offers ---

  String productId() {
    seller.post("/api/v1/listings/sync", Map.of(), 200);
    JsonNode items = seller.get("/api/v1/listings").at("/items");
    if (items.isEmpty()) {
      throw new IllegalStateException("The seller has no listing on the marketplace to make offers for");
    }
    return items.get(0).at("/productId").asText();
  }

  /** Drafts the deal's direct offer: {@code seats} seats for {@code months} months, expiring on {@code expiresOn}. */
  void draft(Deal deal, String productId, int months, LocalDate expiresOn) {
    int seats = 10 + (deal.index * 7) % 45;
    String price = (80 + (deal.index * 13) % 70) + ".00";
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "DIRECT");
    body.put("productId", productId);
    body.put("name", deal.buyerName + " " + (months == 12 ? "annual" : months + "-month") + " plan");
    body.put("buyerAccountIds", List.of(deal.buyer));
    body.put("currency", "USD");
    body.put("durationMonths", months);
    body.put("expiresOn", expiresOn.toString());
    body.put("dimensions", List.of(Map.of("key", "Seats", "quantity", seats, "unitPrice", price)));
    if (deal.fate.registers) {
      String domain = deal.buyerName.toLowerCase().replaceAll("[^a-z0-9]+", "") + ".example";
      body.put("metadata", Map.of("registration", Map.of("companyName", deal.buyerName,
          "contactName", "Alex Buyer", "contactEmail", "buying@" + domain, "contactPhone", "+1 555 0100")));
    }
    deal.offerId = seller.post("/api/v1/offers", body, 201).at("/id").asText();
  }

  /**
   * An offer waiting for approval, as a rep leaves one: the admin's rule that offers over two years need an
   * admin's approval (no other seeded offer runs that long, so a later reset still publishes), and the draft
   * submitted under it.
   */
  void awaitApproval(Deal deal) {
    seller.put("/api/v1/approval-rules", Map.of("items", List.of(Map.of("kind", "DURATION_OVER_MONTHS",
        "threshold", "24", "approverRole", "ADMIN"))));
    seller.post("/api/v1/offers/" + deal.offerId + "/approval-requests", Map.of(), 201);
  }

  void publish(DemoClient who, String offerId) {
    who.post("/api/v1/offers/" + offerId + "/publish", Map.of(), 202);
  }

  /** Waits until the offer reaches the stage; answers it. */
  JsonNode awaitStage(DemoClient who, String offerId, String stage) {
    return DemoClient.awaitValue("offer " + offerId + " to be " + stage, WAIT, () -> {
      JsonNode offer = who.get("/api/v1/offers/" + offerId);
      return stage.equals(offer.at("/stage").asText()) ? offer : null;
    });
  }

  /** The buyer accepts the offer in the sandbox; the seller's order for the agreement is awaited. */
  void accept(Deal deal, String marketplaceOfferId) {
    deal.agreementId = sandbox.post("/sandbox/offers/" + marketplaceOfferId + "/accept",
        Map.of("buyerAccountId", deal.buyer), 201).at("/agreementId").asText();
    deal.acceptedOn = today();
  }

  /** The seller's order of the deal's agreement, once OfferDesk made it. */
  String awaitOrder(String agreementId) {
    return DemoClient.awaitValue("the order of agreement " + agreementId, WAIT, () -> {
      JsonNode items = seller.get("/api/v1/orders?q=" + agreementId).at("/items");
      return items.isEmpty() ? null : items.get(0).at("/id").asText();
    });
  }

  void awaitOrderStatus(String orderId, String status) {
    DemoClient.awaitValue("order " + orderId + " to be " + status, WAIT,
        () -> status.equals(seller.get("/api/v1/orders/" + orderId).at("/status").asText()) ? true : null);
  }

  void provision(String orderId) {
    awaitOrderStatus(orderId, "REGISTERED");
    seller.post("/api/v1/orders/" + orderId + "/provisioned", Map.of(), 200);
  }

  /** Drafts an amendment of the deal's accepted offer (its terms, prefilled) and answers its ID. */
  String amend(Deal deal) {
    return seller.post("/api/v1/offers/" + deal.offerId + "/amend", Map.of(), 201).at("/id").asText();
  }

  /** Drafts the renewal offer of the deal's order and answers its ID. */
  String renew(Deal deal) {
    return seller.post("/api/v1/orders/" + deal.orderId + "/renewal-offer", Map.of(), 201).at("/id").asText();
  }

  /** The buyer's agreement is cancelled on the marketplace (as AWS support does when a buyer asks). */
  void cancelAgreement(Deal deal) {
    sandbox.post("/sandbox/agreements/" + deal.agreementId + "/cancel", Map.of(), 200);
  }

  /** Makes the marketplace refuse the next change set, so the next publish fails as AWS sometimes does. */
  void failNextChangeSet() {
    sandbox.post("/sandbox/faults", Map.of("failNextChangeSets", 1), 200);
  }

  void withdraw(String offerId) {
    seller.post("/api/v1/offers/" + offerId + "/cancel", Map.of(), 200);
  }
}
