package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An offer on a product: a seller's own (direct or replacement of an agreement) or a channel partner's
 * built on a resale authorization. Terms are kept in AWS's own term documents; the fields that rules
 * depend on (state, buyers, availability, markup) are typed.
 */
public final class Offer extends CatalogEntity {

  String productId;
  OfferState state = OfferState.Draft;
  String name;
  String description;
  JsonNode preExistingAgreement;
  String offerSetId;
  List<String> buyerAccounts = new ArrayList<>();
  List<String> countryCodes = new ArrayList<>();
  List<String> negativeCountryCodes = new ArrayList<>();
  String pricingModel;
  List<JsonNode> pricingTerms = new ArrayList<>();
  JsonNode legalTerm;
  JsonNode supportTerm;
  JsonNode validityTerm;
  JsonNode paymentScheduleTerm;
  JsonNode renewalTerm;
  LocalDate availabilityEndDate;
  Instant releaseDate;
  /** For a channel partner offer: the authorization it is built on, and the manufacturer who granted it. */
  String resaleAuthorizationId;
  String manufacturerAccountId;
  BigDecimal markupPercentage;
  /** For a replacement (agreement-based) offer: the agreement it replaces. */
  String agreementId;

  Offer() {}

  static Offer draft(String id, String ownerAccountId, String productId) {
    Offer offer = new Offer();
    offer.id = id;
    offer.ownerAccountId = ownerAccountId;
    offer.productId = productId;
    return offer;
  }

  @Override
  public EntityType type() {
    return EntityType.OFFER;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  String sharedWithAccountId() {
    return manufacturerAccountId;
  }

  public OfferState state() {
    return state;
  }

  public String productId() {
    return productId;
  }

  public List<String> buyerAccounts() {
    return List.copyOf(buyerAccounts);
  }

  public LocalDate availabilityEndDate() {
    return availabilityEndDate;
  }

  public String resaleAuthorizationId() {
    return resaleAuthorizationId;
  }

  public BigDecimal markupPercentage() {
    return markupPercentage;
  }

  public String agreementId() {
    return agreementId;
  }

  public boolean isReleased() {
    return state == OfferState.Released;
  }

  public boolean isChannelPartnerOffer() {
    return resaleAuthorizationId != null;
  }

  public boolean isReplacement() {
    return agreementId != null;
  }

  public String description() {
    return description;
  }

  public String offerSetId() {
    return offerSetId;
  }

  public String manufacturerAccountId() {
    return manufacturerAccountId;
  }

  public String pricingModel() {
    return pricingModel;
  }

  public Instant releaseDate() {
    return releaseDate;
  }

  /** The offer's terms in AWS's documents (PascalCase, as DescribeEntity shows them), pricing terms first. */
  public List<JsonNode> terms() {
    List<JsonNode> terms = new ArrayList<>(pricingTerms);
    for (JsonNode term : new JsonNode[] {paymentScheduleTerm, validityTerm, legalTerm, supportTerm, renewalTerm}) {
      if (term != null) {
        terms.add(term);
      }
    }
    return terms;
  }

  /** A released offer whose availability end date has passed can no longer be accepted. */
  public boolean isExpired(LocalDate today) {
    return availabilityEndDate != null && availabilityEndDate.isBefore(today);
  }

  void release(Instant now) {
    if (!state.canMoveTo(OfferState.Released)) {
      throw new IllegalStateException("Offer " + id + " is already " + state);
    }
    state = OfferState.Released;
    releaseDate = now;
  }

  /** How the offer is targeted, as ListEntities reports it. */
  List<String> targeting() {
    List<String> targeting = new ArrayList<>();
    if (!buyerAccounts.isEmpty()) {
      targeting.add("BuyerAccounts");
    }
    if (!countryCodes.isEmpty() || !negativeCountryCodes.isEmpty()) {
      targeting.add("CountryCodes");
    }
    if (targeting.isEmpty()) {
      targeting.add("None");
    }
    return targeting;
  }

  boolean hasPricingTerm(String type) {
    return pricingTerms.stream().anyMatch(t -> type.equals(t.path("Type").asText()));
  }
}
