package org.offerdesk.app.partners.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.partners.ResaleAuthorizationStatus;

/**
 * A resale authorization: its terms, where it stands, and its link to the marketplace. {@code revision}
 * counts publish attempts (it names the change set's client token); {@code wholesalePrices} are the
 * prices sent to the marketplace, computed from the list prices for a discount.
 */
record ResaleAuthorization(
    UUID id,
    UUID organizationId,
    ResaleAuthorizationStatus status,
    ResaleTerms terms,
    List<ResaleTerms.WholesaleDimension> wholesalePrices,
    String marketplaceId,
    String changeSetId,
    int revision,
    int version,
    List<PublishError> publishErrors,
    UUID clonedFrom,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  ResaleAuthorization {
    wholesalePrices = wholesalePrices == null ? List.of() : List.copyOf(wholesalePrices);
    publishErrors = publishErrors == null ? List.of() : List.copyOf(publishErrors);
  }

  /** What the marketplace found wrong, next to the field it concerns. */
  record PublishError(String field, String code, String message) {}

  ResaleAuthorization withTerms(ResaleTerms newTerms, Instant at) {
    return new ResaleAuthorization(id, organizationId, status, newTerms, wholesalePrices, marketplaceId, changeSetId,
        revision, version, publishErrors, clonedFrom, createdBy, createdAt, at);
  }

  ResaleAuthorization publishing(Instant at) {
    return new ResaleAuthorization(id, organizationId, ResaleAuthorizationStatus.PUBLISHING, terms, List.of(), null,
        null, revision + 1, version, List.of(), clonedFrom, createdBy, createdAt, at);
  }

  ResaleAuthorization submitted(String changeSet, List<ResaleTerms.WholesaleDimension> prices, Instant at) {
    return new ResaleAuthorization(id, organizationId, status, terms, prices, marketplaceId, changeSet, revision,
        version, publishErrors, clonedFrom, createdBy, createdAt, at);
  }

  ResaleAuthorization authorized(String marketplaceResaleAuthorizationId, Instant at) {
    return new ResaleAuthorization(id, organizationId, ResaleAuthorizationStatus.AUTHORIZED, terms, wholesalePrices,
        marketplaceResaleAuthorizationId, changeSetId, revision, version, List.of(), clonedFrom, createdBy, createdAt,
        at);
  }

  ResaleAuthorization failed(List<PublishError> errors, Instant at) {
    return new ResaleAuthorization(id, organizationId, ResaleAuthorizationStatus.PUBLISH_FAILED, terms,
        wholesalePrices, marketplaceId, changeSetId, revision, version, errors, clonedFrom, createdBy, createdAt, at);
  }

  ResaleAuthorization withStatus(ResaleAuthorizationStatus next, Instant at) {
    return new ResaleAuthorization(id, organizationId, next, terms, wholesalePrices, marketplaceId, changeSetId,
        revision, version, publishErrors, clonedFrom, createdBy, createdAt, at);
  }

  /** What one offer on it is worth at wholesale: the sum of its wholesale prices, once known. */
  public BigDecimal wholesaleValue() {
    List<ResaleTerms.WholesaleDimension> prices = wholesalePrices.isEmpty() && !terms.pricing().byDiscount()
        ? terms.pricing().dimensions() : wholesalePrices;
    if (prices.isEmpty()) {
      return null;
    }
    return prices.stream().map(ResaleTerms.WholesaleDimension::wholesalePrice).reduce(BigDecimal.ZERO,
        BigDecimal::add);
  }

  /** The client request token of this revision's change set: a retried publish never grants twice. */
  String clientRequestToken() {
    return UUID.nameUUIDFromBytes(("offerdesk-resale:" + id + ":" + revision).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
