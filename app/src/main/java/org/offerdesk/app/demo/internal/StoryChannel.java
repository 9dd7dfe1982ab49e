package org.offerdesk.app.demo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The channel and the money of the demo story: the ISV authorizes the demo reseller, which sells through
 * partner offers; at the end the seller reads its data feeds and matches a bank statement that lacks the
 * latest payout (the money has not reached the bank yet), so one payout is left unmatched.
 */
final class StoryChannel {

  private final StoryMoves moves;
  private String resaleAuthorizationId;

  StoryChannel(StoryMoves moves) {
    this.moves = moves;
  }

  /** The ISV grants the reseller a resale authorization on the product (any buyer, any number of offers). */
  void authorize(String productId) {
    String resellerAccount = moves.reseller().get("/api/v1/marketplace/connection").at("/awsAccountId").asText();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("productId", productId);
    body.put("resellerAccountId", resellerAccount);
    body.put("name", "Demo Reseller wholesale");
    body.put("description", "Seats at wholesale for Demo Reseller's customers");
    body.put("currency", "USD");
    body.put("pricing", Map.of("durationMonths", 12, "dimensions", List.of(Map.of("key", "Seats",
        "wholesalePrice", "80.00"))));
    body.put("availability", Map.of("type", "UNLIMITED"));
    body.put("renewal", false);
    body.put("eula", Map.of("type", "STANDARD"));
    body.put("resellerContract", Map.of("type", "STANDARD"));
    String id = moves.seller().post("/api/v1/resale-authorizations", body, 201).at("/id").asText();
    moves.seller().post("/api/v1/resale-authorizations/" + id + "/publish", Map.of(), 202);
    resaleAuthorizationId = DemoClient.awaitValue("resale authorization " + id + " to be authorized", StoryMoves.WAIT,
        () -> {
          JsonNode ra = moves.seller().get("/api/v1/resale-authorizations/" + id);
          return "AUTHORIZED".equals(ra.at("/status").asText()) ? ra.at("/marketplaceResaleAuthorizationId").asText()
              : null;
        });
    moves.reseller().post("/api/v1/opportunities/sync", Map.of(), 200);
  }

  /** The reseller makes, publishes and (the buyer) accepts a partner offer; answers the ISV's order of it. */
  void sell(Deal deal, LocalDate today) {
    if (resaleAuthorizationId == null) {
      throw new IllegalStateException("The reseller has no resale authorization yet");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "PARTNER");
    body.put("resaleAuthorizationId", resaleAuthorizationId);
    body.put("name", deal.buyerName + " through Demo Reseller");
    body.put("buyerAccountIds", List.of(deal.buyer));
    body.put("markupPercent", "12.5");
    body.put("expiresOn", today.plusDays(20).toString());
    String offerId = moves.reseller().post("/api/v1/offers", body, 201).at("/id").asText();
    moves.publish(moves.reseller(), offerId);
    String marketplaceOfferId = moves.awaitStage(moves.reseller(), offerId, "SENT").at("/marketplaceOfferId").asText();
    moves.accept(deal, marketplaceOfferId);
    deal.orderId = moves.awaitOrder(deal.agreementId);
    deal.offerId = DemoClient.awaitValue("the ISV's partner offer " + marketplaceOfferId, StoryMoves.WAIT, () -> {
      JsonNode items = moves.seller().get("/api/v1/offers?type=PARTNER&buyerAccountId=" + deal.buyer).at("/items");
      return items.isEmpty() ? null : items.get(0).at("/id").asText();
    });
  }

  /**
   * Reads the seller data feeds, then uploads a bank statement with every payout but the latest; answers the
   * payout left unmatched (null when there was only one payout or none).
   */
  String reconcile() {
    String syncId = moves.seller().post("/api/v1/finance/sync", Map.of(), 202).at("/syncId").asText();
    DemoClient.awaitValue("finance sync " + syncId, StoryMoves.WAIT, () -> {
      String status = moves.seller().get("/api/v1/finance/syncs/" + syncId).at("/status").asText();
      if (status.equals("FAILED")) {
        throw new IllegalStateException("The finance sync failed");
      }
      return status.equals("DONE") ? true : null;
    });
    JsonNode payouts = moves.seller().get("/api/v1/finance/payouts?limit=200").at("/items");
    if (payouts.size() < 2) {
      return null;
    }
    JsonNode latest = payouts.get(0);
    for (JsonNode p : payouts) {
      if (p.at("/paidOn").asText().compareTo(latest.at("/paidOn").asText()) > 0) {
        latest = p;
      }
    }
    StringBuilder csv = new StringBuilder("date,amount,reference\n");
    for (JsonNode p : payouts) {
      if (p != latest) {
        csv.append(p.at("/paidOn").asText()).append(',').append(p.at("/amount").asText()).append(',')
            .append(p.at("/bankTraceId").asText()).append('\n');
      }
    }
    moves.seller().postText("/api/v1/finance/bank-statements?fileName=demo-bank-statement.csv", "text/csv",
        csv.toString(), 201);
    return latest.at("/payoutId").asText();
  }
}
