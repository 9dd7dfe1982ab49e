package org.offerdesk.app.offers.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;

/**
 * An offer: its terms, where it stands, and its link to the marketplace. {@code revision} counts the
 * versions of the terms that were published (it names the change set); {@code version} guards edits.
 */
record Offer(
    UUID id,
    UUID organizationId,
    OfferType type,
    OfferStage stage,
    OfferTerms terms,
    String marketplaceOfferId,
    String changeSetId,
    int revision,
    int version,
    String owner,
    UUID clonedFrom,
    UUID reissueOf,
    String sourceAgreementId,
    String agreementId,
    List<PublishError> publishErrors,
    String viewToken,
    Instant createdAt,
    Instant updatedAt,
    boolean renewal,
    String renewsAgreementId) {

  Offer {
    publishErrors = publishErrors == null ? List.of() : List.copyOf(publishErrors);
  }

  /** An offer that renews nothing: every kind but a renewal offer. */
  Offer(UUID id, UUID organizationId, OfferType type, OfferStage stage, OfferTerms terms, String marketplaceOfferId,
      String changeSetId, int revision, int version, String owner, UUID clonedFrom, UUID reissueOf,
      String sourceAgreementId, String agreementId, List<PublishError> publishErrors, String viewToken,
      Instant createdAt, Instant updatedAt) {
    this(id, organizationId, type, stage, terms, marketplaceOfferId, changeSetId, revision, version, owner, clonedFrom,
        reissueOf, sourceAgreementId, agreementId, publishErrors, viewToken, createdAt, updatedAt, false, null);
  }

  /** What the marketplace said was wrong, mapped to the field it concerns. */
  record PublishError(String field, String code, String message) {}

  Offer withTerms(OfferTerms newTerms, Instant at) {
    return new Offer(id, organizationId, type, stage, newTerms, marketplaceOfferId, changeSetId, revision, version,
        owner, clonedFrom, reissueOf, sourceAgreementId, agreementId, publishErrors, viewToken, createdAt, at,
        renewal, renewsAgreementId);
  }

  Offer withStage(OfferStage next, Instant at) {
    return new Offer(id, organizationId, type, next, terms, marketplaceOfferId, changeSetId, revision, version, owner,
        clonedFrom, reissueOf, sourceAgreementId, agreementId, publishErrors, viewToken, createdAt, at,
        renewal, renewsAgreementId);
  }

  Offer publishing(Instant at) {
    return new Offer(id, organizationId, type, OfferStage.PUBLISHING, terms, marketplaceOfferId, null, revision + 1,
        version, owner, clonedFrom, reissueOf, sourceAgreementId, agreementId, List.of(), viewToken, createdAt, at,
        renewal, renewsAgreementId);
  }

  /**
   * This offer as {@link OfferStore#update} leaves its row: the version one on, the time as the database keeps it
   * (microseconds). What a command that saved it answers, without reading it back.
   */
  Offer saved() {
    return new Offer(id, organizationId, type, stage, terms, marketplaceOfferId, changeSetId, revision, version + 1,
        owner, clonedFrom, reissueOf, sourceAgreementId, agreementId, publishErrors, viewToken, createdAt,
        updatedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS), renewal, renewsAgreementId);
  }

  Offer withChangeSet(String id2, Instant at) {
    return new Offer(id, organizationId, type, stage, terms, marketplaceOfferId, id2, revision, version, owner,
        clonedFrom, reissueOf, sourceAgreementId, agreementId, publishErrors, viewToken, createdAt, at,
        renewal, renewsAgreementId);
  }

  Offer sent(String offerId, Instant at) {
    return new Offer(id, organizationId, type, OfferStage.SENT, terms, offerId, changeSetId, revision, version, owner,
        clonedFrom, reissueOf, sourceAgreementId, agreementId, List.of(), viewToken, createdAt, at,
        renewal, renewsAgreementId);
  }

  Offer failed(List<PublishError> errors, Instant at) {
    return new Offer(id, organizationId, type, OfferStage.PUBLISH_FAILED, terms, marketplaceOfferId, changeSetId,
        revision, version, owner, clonedFrom, reissueOf, sourceAgreementId, agreementId, errors, viewToken, createdAt,
        at, renewal, renewsAgreementId);
  }

  Offer accepted(String agreement, Instant at) {
    return new Offer(id, organizationId, type, OfferStage.ACCEPTED, terms, marketplaceOfferId, changeSetId, revision,
        version, owner, clonedFrom, reissueOf, sourceAgreementId, agreement, publishErrors, viewToken, createdAt, at,
        renewal, renewsAgreementId);
  }

  /** The client request token of this revision's change set: a retried publish never makes two offers. */
  String clientRequestToken() {
    return UUID.nameUUIDFromBytes(("offerdesk:" + id + ":" + revision).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }
}
