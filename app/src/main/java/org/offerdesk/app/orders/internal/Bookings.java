package org.offerdesk.app.orders.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.OrganizationNames;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.offers.OfferSummary;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.webhooks.Webhooks;
import org.springframework.stereotype.Service;

/**
 * The bookable artifact finance books from, made when an order is registered: parties, listing, terms,
 * total contract value, schedule, dates, offer and agreement IDs, and the seller's booking metadata.
 */
@Service
record Bookings(OrderStore orders, Offers offers, OrganizationNames names, Marketplace marketplace,
    Webhooks webhooks) {

  /** The record finance books from. */
  record BookableArtifact(
      UUID orderId,
      String kind,
      Parties parties,
      ListingRef listing,
      String currency,
      String totalContractValue,
      List<AcceptedTerms.Quantity> dimensions,
      List<AcceptedTerms.Charge> schedule,
      String duration,
      Instant acceptedAt,
      Instant startsAt,
      Instant endsAt,
      Instant registeredAt,
      UUID offerId,
      String offerName,
      String marketplaceOfferId,
      String agreementId,
      String resaleAuthorizationId,
      Map<String, Object> bookingMetadata,
      Map<String, Object> contractMetadata) {}

  /** Who is party to the order. */
  record Parties(String sellerName, String sellerAccountId, String buyerAccountId, String buyerCompany,
      String buyerContact, String buyerEmail, String proposerAccountId) {}

  /** The listing sold. */
  record ListingRef(String productId, String productCode, String title) {}

  BookableArtifact book(Order order, Optional<Listing> listing) {
    Optional<OfferSummary> offer = order.offerId() == null ? Optional.empty()
        : offers.find(order.organizationId(), order.offerId());
    Registration r = order.registration();
    BookableArtifact artifact = new BookableArtifact(order.id(), order.kind().name(),
        new Parties(names.nameOf(order.organizationId()).orElse(null),
            marketplace.connection(order.organizationId()).map(MarketplaceConnection::awsAccountId).orElse(null),
            order.buyerAccountId(), r == null ? null : r.company(), r == null ? null : r.contactName(),
            r == null ? null : r.email(), order.proposerAccountId()),
        new ListingRef(order.productId(), order.productCode(), listing.map(Listing::title).orElse(null)),
        order.currency(), MoneyFormat.decimal(order.totalContractValue()), order.terms().dimensions(), order.terms().schedule(),
        order.terms().duration(), order.acceptedAt(), order.startsAt(), order.endsAt(),
        r == null ? null : r.registeredAt(), order.offerId(), offer.map(OfferSummary::name).orElse(null),
        order.marketplaceOfferId(), order.agreementId(), order.resaleAuthorizationId(),
        offer.map(OfferSummary::bookingMetadata).orElse(Map.of()),
        offer.map(OfferSummary::contractMetadata).orElse(Map.of()));
    orders.saveBooking(order.organizationId(), order.id(), artifact);
    orders.record(order, order.status(), "booked", "bookable artifact ready", "orders", order.updatedAt(),
        "order:" + order.id() + ":booked");
    webhooks.publish(order.organizationId(), "order.booked", "order.booked:" + order.id(), artifact);
    return artifact;
  }

  /** The artifact as one CSV row with a header, for spreadsheets and finance systems. */
  static String csv(com.fasterxml.jackson.databind.JsonNode a) {
    List<String> header = List.of("order_id", "kind", "seller", "seller_account_id", "buyer_account_id", "buyer_company",
        "buyer_contact", "buyer_email", "product_id", "product_title", "currency", "total_contract_value",
        "duration", "accepted_at", "starts_at", "ends_at", "registered_at", "offer_id", "offer_name",
        "marketplace_offer_id", "agreement_id", "resale_authorization_id", "schedule", "booking_metadata");
    StringBuilder schedule = new StringBuilder();
    a.path("schedule").forEach(c -> schedule.append(schedule.isEmpty() ? "" : "; ")
        .append(c.path("chargeDate").asText()).append(" ").append(c.path("amount").asText()));
    StringBuilder booking = new StringBuilder();
    a.path("bookingMetadata").fields().forEachRemaining(e -> booking.append(booking.isEmpty() ? "" : "; ")
        .append(e.getKey()).append("=").append(e.getValue().asText()));
    List<String> row = List.of(a.path("orderId").asText(), a.path("kind").asText(), a.at("/parties/sellerName").asText(""),
        a.at("/parties/sellerAccountId").asText(""), a.at("/parties/buyerAccountId").asText(""),
        a.at("/parties/buyerCompany").asText(""), a.at("/parties/buyerContact").asText(""),
        a.at("/parties/buyerEmail").asText(""), a.at("/listing/productId").asText(""),
        a.at("/listing/title").asText(""), a.path("currency").asText(""), a.path("totalContractValue").asText(""),
        a.path("duration").asText(""), a.path("acceptedAt").asText(""), a.path("startsAt").asText(""),
        a.path("endsAt").asText(""), a.path("registeredAt").asText(""), a.path("offerId").asText(""),
        a.path("offerName").asText(""), a.path("marketplaceOfferId").asText(""), a.path("agreementId").asText(""),
        a.path("resaleAuthorizationId").asText(""), schedule.toString(), booking.toString());
    return CsvExport.table(header).row(row).text();
  }
}
