package org.offerdesk.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * P2's rounds of marketplace events: the agreements, and their events as the sandbox's MarketplaceEvents
 * writes them, in queue order with duplicates and some out of order (see {@link EventIngestionScenario}).
 */
final class IngestionRound {

  private IngestionRound() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SOURCE = "aws.agreement-marketplace";
  private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  /** Agreements per group of ten: one is replaced by an amendment, one is cancelled, eight stay. */
  private static final int REPLACED_SLOT = 3;
  private static final int CANCELLED_SLOT = 7;

  /** An offer the events concern: a sent private offer of the demo seller, published, with its marketplace ID. */
  record Target(UUID id, String marketplaceOfferId, String productId, String buyer, BigDecimal total, JsonNode terms) {}

  /** One agreement of a round and what should follow from its events. */
  record Deal(String agreementId, Target offer, String kind, Deal replaces) {}

  /** A round: its agreements, its messages in queue order, its distinct event IDs. */
  record Round(List<Deal> deals, List<String> messages, List<ObjectNode> events) {}

  /**
   * A round of about {@code events} distinct events: per ten agreements one replaced by an amendment (Created +
   * License Updated, later Amended + License Updated of the new agreement), one cancelled (Created + License Updated,
   * later Ended + License Deprovisioned), eight accepted only. In queue order: each agreement's events as the
   * sandbox sends them, the replacement or cancellation twenty agreements later; out of order: one agreement in
   * twenty has its license event before its Created, and one cancellation and one replacement in five come before
   * the Created of the agreement they cancel or replace; 10%
   * of the events come twice, half of them right after the first copy, half 50 messages later.
   */
  /** Whether group {@code g}'s follow-up (one cancellation and one replacement in five) comes before its Created. */
  static boolean early(int g, List<List<ObjectNode>> followUps) {
    return !followUps.get(g).isEmpty() && (g % 50 == CANCELLED_SLOT || g % 50 == REPLACED_SLOT);
  }

  static Round round(List<Target> targets, int from, int events, String seller, SplittableRandom random) {
    List<Deal> deals = new ArrayList<>();
    List<List<ObjectNode>> primary = new ArrayList<>();
    List<List<ObjectNode>> followUps = new ArrayList<>();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    int used = from;
    int count = 0;
    for (int g = 0; count < events; g++) {
      if (used + 2 > targets.size()) {
        throw new IllegalStateException("Not enough sent offers for " + events + " events: " + targets.size());
      }
      int slot = g % 10;
      Deal first = new Deal(agreementId(random), targets.get(used++), slot == REPLACED_SLOT ? "REPLACED"
          : slot == CANCELLED_SLOT ? "CANCELLED" : "ACCEPTED", null);
      deals.add(first);
      List<ObjectNode> mine = new ArrayList<>(List.of(agreementEvent("Purchase Agreement Created - Proposer", first,
          seller, now), licenseEvent("License Updated - Manufacturer", first, seller, now)));
      if (g % 20 == 11) {
        java.util.Collections.swap(mine, 0, 1); // the license event before its agreement's
      }
      primary.add(mine);
      List<ObjectNode> later = new ArrayList<>();
      if (slot == REPLACED_SLOT) {
        Deal amendment = new Deal(agreementId(random), targets.get(used++), "AMENDMENT", first);
        deals.add(amendment);
        later.add(agreementEvent("Purchase Agreement Amended - Proposer", amendment, seller, now));
        later.add(licenseEvent("License Updated - Manufacturer", amendment, seller, now));
      } else if (slot == CANCELLED_SLOT) {
        later.add(endedEvent(first, seller, now));
        later.add(licenseEvent("License Deprovisioned - Manufacturer", first, seller, now));
      }
      followUps.add(later);
      count += mine.size() + later.size();
    }
    List<ObjectNode> ordered = new ArrayList<>();
    for (int g = 0; g < primary.size(); g++) {
      // a cancellation or a replacement ahead of the agreement it cancels or replaces
      ordered.addAll(early(g, followUps) ? followUps.get(g) : List.of());
      ordered.addAll(primary.get(g));
      int due = g - 20;
      if (due >= 0 && !early(due, followUps)) {
        ordered.addAll(followUps.get(due));
      }
    }
    for (int g = Math.max(0, primary.size() - 20); g < primary.size(); g++) {
      if (!early(g, followUps)) {
        ordered.addAll(followUps.get(g));
      }
    }
    List<String> bodies = new ArrayList<>();
    for (ObjectNode e : ordered) {
      bodies.add(e.toString());
    }
    List<String> messages = new ArrayList<>(bodies);
    // 10% twice: the same body (same event ID), as a redelivery or a second delivery carries it
    int inserted = 0;
    for (int i = 0; i < bodies.size(); i++) {
      if (i % 10 == 4) {
        int at = Math.min(messages.size(), i + inserted + (i % 20 == 4 ? 1 : 50));
        messages.add(at, bodies.get(i));
        inserted++;
      }
    }
    return new Round(deals, messages, ordered);
  }

  /** An agreement event as the sandbox's MarketplaceEvents writes it (envelope and detail). */
  static ObjectNode agreementEvent(String detailType, Deal d, String seller, Instant at) {
    ObjectNode detail = JSON.createObjectNode().put("requestId", UUID.randomUUID().toString())
        .put("catalog", "AWSMarketplace");
    ObjectNode agreement = detail.putObject("agreement").put("id", d.agreementId())
        .put("intent", d.replaces() == null ? "NEW" : "REPLACE").put("status", "ACTIVE")
        .put("acceptanceTime", iso(at)).put("startTime", iso(at)).put("endTime", iso(end(d, at)));
    if (d.replaces() != null) {
      agreement.put("previousAgreementId", d.replaces().agreementId());
    }
    agreement.put("autoRenewalEnabled", false);
    detail.putNull("resaleAuthorization");
    detail.putObject("acceptor").put("accountId", d.offer().buyer());
    detail.putObject("proposer").put("accountId", seller);
    detail.putObject("offer").put("id", d.offer().marketplaceOfferId());
    return envelope(detailType, seller, d, detail, at);
  }

  static ObjectNode endedEvent(Deal d, String seller, Instant at) {
    ObjectNode detail = JSON.createObjectNode().put("requestId", UUID.randomUUID().toString())
        .put("catalog", "AWSMarketplace");
    detail.putObject("agreement").put("id", d.agreementId()).put("status", "CANCELLED");
    return envelope("Purchase Agreement Ended - Proposer", seller, d, detail, at.plusSeconds(60));
  }

  static ObjectNode licenseEvent(String detailType, Deal d, String seller, Instant at) {
    ObjectNode license = JSON.createObjectNode();
    license.putObject("agreement").put("id", d.agreementId());
    license.putObject("product").putNull("code").put("id", d.offer().productId());
    license.putObject("license").put("arn", "arn:aws:license-manager::" + d.offer().buyer() + ":license:l-"
        + d.agreementId().substring("agmt-".length()));
    license.putObject("acceptor").put("accountId", d.offer().buyer());
    license.putObject("proposer").put("accountId", seller);
    license.putObject("offer").put("id", d.offer().marketplaceOfferId());
    return envelope(detailType, seller, d, license, at);
  }

  static ObjectNode envelope(String detailType, String account, Deal d, ObjectNode detail, Instant time) {
    ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
        .put("detail-type", detailType).put("source", SOURCE).put("account", account).put("time", iso(time))
        .put("region", "us-east-1");
    event.putArray("resources").add("arn:aws:aws-marketplace::aws:agreement:" + d.agreementId());
    event.set("detail", detail);
    return event;
  }

  static Instant end(Deal d, Instant start) {
    int months = d.offer().terms().path("durationMonths").asInt(12);
    return start.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
  }

  static String agreementId(SplittableRandom random) {
    StringBuilder id = new StringBuilder("agmt-");
    for (int i = 0; i < 25; i++) {
      id.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
    }
    return id.toString();
  }

  static String iso(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
