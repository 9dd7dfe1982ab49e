package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A manufacturer's permission for one reseller to sell one product at wholesale terms, to named buyers
 * or any, once or many times ({@code offersMaxQuantity}), until a date.
 */
public final class ResaleAuthorization extends CatalogEntity {

  String productId;
  String name;
  String description;
  JsonNode preExistingBuyerAgreement;
  String resellerAccountId;
  ResaleAuthorizationStatus status = ResaleAuthorizationStatus.Draft;
  Instant createdDate;
  List<String> buyerAccounts = new ArrayList<>();
  LocalDate availabilityEndDate;
  Integer offersMaxQuantity;
  int offerCreatedCount;
  String pricingModel;
  List<JsonNode> pricingTerms = new ArrayList<>();
  List<JsonNode> legalTerms = new ArrayList<>();
  JsonNode paymentScheduleTerm;

  ResaleAuthorization() {}

  static ResaleAuthorization draft(String id, String ownerAccountId, String productId, String resellerAccountId, Instant now) {
    ResaleAuthorization ra = new ResaleAuthorization();
    ra.id = id;
    ra.ownerAccountId = ownerAccountId;
    ra.productId = productId;
    ra.resellerAccountId = resellerAccountId;
    ra.createdDate = now;
    return ra;
  }

  @Override
  public EntityType type() {
    return EntityType.RESALE_AUTHORIZATION;
  }

  @Override
  public String name() {
    return name;
  }

  /** The reseller sees the authorization once it is released. */
  @Override
  String sharedWithAccountId() {
    return status == ResaleAuthorizationStatus.Draft ? null : resellerAccountId;
  }

  public ResaleAuthorizationStatus status() {
    return status;
  }

  public String resellerAccountId() {
    return resellerAccountId;
  }

  public String productId() {
    return productId;
  }

  boolean isExpired(LocalDate today) {
    return availabilityEndDate != null && availabilityEndDate.isBefore(today);
  }

  boolean isUsedUp() {
    return offersMaxQuantity != null && offerCreatedCount >= offersMaxQuantity;
  }

  /** AWS's OfferExtendedStatus: whether offers were made on it and whether more may be. */
  String offerExtendedStatus() {
    if (offerCreatedCount == 0) {
      return "Not Started";
    }
    return isUsedUp() ? "Completed-Used" : "Completed-Usable";
  }

  void moveTo(ResaleAuthorizationStatus next) {
    if (!status.canMoveTo(next)) {
      throw new IllegalStateException("Resale authorization " + id + " cannot go from " + status + " to " + next);
    }
    status = next;
  }

  JsonNode legalTerm(String type) {
    return legalTerms.stream().filter(t -> type.equals(t.path("Type").asText())).findFirst().orElse(null);
  }
}
