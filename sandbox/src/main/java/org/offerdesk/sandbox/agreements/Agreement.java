package org.offerdesk.sandbox.agreements;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An agreement a buyer's acceptance of an offer created: who proposed it (the seller, or the reseller of
 * a channel partner offer) and who makes the product (the manufacturer), the terms as accepted (in the
 * Agreement API's AcceptedTerm shapes) and the quantities the buyer is entitled to.
 */
public record Agreement(
    String agreementId,
    String offerId,
    String productId,
    String proposerAccountId,
    String acceptorAccountId,
    AgreementStatus status,
    Instant acceptanceTime,
    Instant startTime,
    Instant endTime,
    String intent,
    String previousAgreementId,
    String resaleAuthorizationId,
    String manufacturerAccountId,
    String offerSetId,
    boolean privateOffer,
    JsonNode acceptedTerms,
    List<Entitlement> entitlements,
    String currencyCode,
    BigDecimal agreementValue) {

  /** A quantity of one dimension the agreement entitles the buyer to. */
  public record Entitlement(String dimension, long quantity) {}

  public boolean isActive() {
    return status == AgreementStatus.ACTIVE;
  }

  /** The product's maker: the proposer, unless a reseller proposed the agreement. */
  public String manufacturer() {
    return manufacturerAccountId == null ? proposerAccountId : manufacturerAccountId;
  }

  public boolean hasReseller() {
    return !manufacturer().equals(proposerAccountId);
  }

  /**
   * The buyer's license for this agreement, as License Manager names it. Made up by the sandbox, one per
   * agreement: the "License Updated" event and ResolveCustomer's {@code LicenseArn} carry the same value.
   */
  public String licenseArn() {
    return "arn:aws:license-manager::" + acceptorAccountId + ":license:l-"
        + agreementId.substring("agmt-".length()).toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether this agreement's term and [from, to) share a moment. */
  public boolean overlaps(Instant from, Instant to) {
    boolean startsBeforeThatEnds = to == null || startTime == null || startTime.isBefore(to);
    boolean endsAfterThatStarts = endTime == null || from == null || endTime.isAfter(from);
    return startsBeforeThatEnds && endsAfterThatStarts;
  }

  public boolean isPartyTo(String accountId) {
    return proposerAccountId.equals(accountId) || manufacturer().equals(accountId);
  }

  public Agreement withStatus(AgreementStatus next) {
    if (!status.canMoveTo(next)) {
      throw new IllegalStateException("Agreement " + agreementId + " cannot go from " + status + " to " + next);
    }
    return new Agreement(agreementId, offerId, productId, proposerAccountId, acceptorAccountId, next, acceptanceTime,
        startTime, endTime, intent, previousAgreementId, resaleAuthorizationId, manufacturerAccountId, offerSetId,
        privateOffer, acceptedTerms, entitlements, currencyCode, agreementValue);
  }
}
