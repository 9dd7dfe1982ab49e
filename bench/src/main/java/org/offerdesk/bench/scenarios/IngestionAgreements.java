package org.offerdesk.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.offerdesk.bench.OfferDesk;
import org.offerdesk.bench.scenarios.IngestionRound.Deal;
import org.offerdesk.bench.scenarios.IngestionRound.Round;

/**
 * The marketplace's side of a P2 round before its events ({@link EventIngestionScenario}): the sandbox's agreements
 * and their accepted terms, written straight into its tables, and OfferDesk's offers as the acceptances leave them.
 */
final class IngestionAgreements {

  private static final ObjectMapper JSON = new ObjectMapper();

  private IngestionAgreements() {}

  /**
   * What the buyer's acceptance leaves before its events: the sandbox's agreements (with their accepted terms, as
   * GetAgreementTerms returns them), the replaced and cancelled ones in their final status; OfferDesk's
   * replacement offers made for the agreement they replace, and every offer of the round still open.
   */
  static void prepare(OfferDesk desk, Round round, String seller) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (Connection c = desk.db().connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("""
          INSERT INTO sandbox.agreement (agreement_id, offer_id, product_id, proposer_account_id, acceptor_account_id,
            status, acceptance_time, start_time, end_time, intent, previous_agreement_id, resale_authorization_id,
            manufacturer_account_id, offer_set_id, private_offer, accepted_terms, entitlements, currency_code,
            agreement_value, status_changed_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, true, CAST(? AS jsonb), CAST(? AS jsonb), 'USD', ?, ?)""");
          PreparedStatement offer = c.prepareStatement("""
              UPDATE offer SET expires_on = ?, type = ?, source_agreement_id = ? WHERE id = ?""")) {
        for (Deal d : round.deals()) {
          String status = switch (d.kind()) {
            case "REPLACED" -> round.deals().stream().anyMatch(x -> x.replaces() == d) ? "REPLACED" : "ACTIVE";
            case "CANCELLED" -> "CANCELLED";
            default -> "ACTIVE";
          };
          ArrayNode terms = JSON.createArrayNode();
          ArrayNode entitlements = JSON.createArrayNode();
          acceptedTerms(d, now, terms, entitlements);
          s.setString(1, d.agreementId());
          s.setString(2, d.offer().marketplaceOfferId());
          s.setString(3, d.offer().productId());
          s.setString(4, seller);
          s.setString(5, d.offer().buyer());
          s.setString(6, status);
          s.setTimestamp(7, Timestamp.from(now));
          s.setTimestamp(8, Timestamp.from(now));
          s.setTimestamp(9, Timestamp.from(IngestionRound.end(d, now)));
          s.setString(10, d.replaces() == null ? "NEW" : "REPLACE");
          s.setString(11, d.replaces() == null ? null : d.replaces().agreementId());
          s.setString(12, seller);
          s.setString(13, terms.toString());
          s.setString(14, entitlements.toString());
          s.setBigDecimal(15, d.offer().total());
          s.setTimestamp(16, Timestamp.from(now));
          s.addBatch();
          offer.setObject(1, LocalDate.now(ZoneOffset.UTC).plusDays(30));
          offer.setString(2, d.replaces() == null ? "DIRECT" : "AMENDMENT");
          offer.setString(3, d.replaces() == null ? null : d.replaces().agreementId());
          offer.setObject(4, d.offer().id());
          offer.addBatch();
        }
        s.executeBatch();
        offer.executeBatch();
      }
      c.commit();
    }
  }

  /** The offer's terms as the sandbox's AcceptedTerms renders them for the Agreement API (camelCase unions). */
  private static void acceptedTerms(Deal d, Instant now, ArrayNode terms, ArrayNode entitlements) {
    JsonNode offer = d.offer().terms();
    String duration = "P" + offer.path("durationMonths").asInt(12) + "M";
    terms.addObject().putObject("legalTerm").put("type", "LegalTerm").putArray("documents").addObject()
        .put("type", "StandardEula").put("url", "https://aws.amazon.com/marketplace/eula");
    ObjectNode pricing = terms.addObject().putObject("configurableUpfrontPricingTerm")
        .put("type", "ConfigurableUpfrontPricingTerm").put("currencyCode", "USD");
    ObjectNode card = pricing.putArray("rateCards").addObject();
    card.putObject("selector").put("type", "Duration").put("value", duration);
    ArrayNode rates = card.putArray("rateCard");
    ObjectNode configuration = pricing.putObject("configuration").put("selectorValue", duration);
    ArrayNode dims = configuration.putArray("dimensions");
    for (JsonNode dim : offer.path("dimensions")) {
      rates.addObject().put("dimensionKey", dim.path("key").asText()).put("price", dim.path("unitPrice").asText());
      dims.addObject().put("dimensionKey", dim.path("key").asText()).put("dimensionValue", dim.path("quantity").asLong());
      entitlements.addObject().put("dimension", dim.path("key").asText()).put("quantity", dim.path("quantity").asLong());
    }
    ObjectNode schedule = terms.addObject().putObject("paymentScheduleTerm").put("type", "PaymentScheduleTerm")
        .put("currencyCode", "USD");
    ArrayNode payments = schedule.putArray("schedule");
    for (JsonNode p : offer.path("paymentSchedule")) {
      payments.addObject().put("chargeDate", LocalDate.parse(p.path("dueOn").asText()).atStartOfDay()
          .toEpochSecond(ZoneOffset.UTC)).put("chargeAmount", p.path("amount").asText());
    }
    terms.addObject().putObject("validityTerm").put("type", "ValidityTerm").put("agreementDuration", duration)
        .put("agreementStartDate", now.getEpochSecond()).put("agreementEndDate", IngestionRound.end(d, now).getEpochSecond());
  }

}
