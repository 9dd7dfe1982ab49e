package org.offerdesk.app.partners.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A partner as the API and the pages show it; {@code usesOfferDesk} is true once it opened its organization
 * from an invitation, or when a reseller organization on this OfferDesk is connected to its AWS account.
 */
record PartnerView(UUID id, String name, String awsAccountId, String contactName, String contactEmail,
    boolean usesOfferDesk, Partner.Invitation invitation, String invitedEmail, Instant invitedAt,
    Instant invitationExpiresAt, Instant acceptedAt, Instant createdAt) {

  static PartnerView of(Partner p, boolean connectedHere, Instant now) {
    return new PartnerView(p.id(), p.name(), p.awsAccountId(), p.contactName(), p.contactEmail(),
        connectedHere || p.resellerOrganizationId() != null, p.invitation(now), p.invitedEmail(), p.invitedAt(),
        p.invitationExpiresAt(), p.acceptedAt(), p.createdAt());
  }
}
