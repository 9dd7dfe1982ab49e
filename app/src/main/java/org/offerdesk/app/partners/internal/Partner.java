package org.offerdesk.app.partners.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A reseller in an ISV's partners directory: its name and AWS account, a contact, and where its invitation
 * to OfferDesk stands (sent to whom and until when, accepted, and the reseller organization it opened).
 */
record Partner(UUID id, UUID organizationId, String name, String awsAccountId, String contactName,
    String contactEmail, String invitedEmail, Instant invitedAt, Instant invitationExpiresAt, Instant acceptedAt,
    UUID resellerOrganizationId, int version, Instant createdAt) {

  /** Where the partner stands with OfferDesk, as the directory shows it. */
  enum Invitation { NOT_INVITED, INVITED, EXPIRED, ACCEPTED }

  Invitation invitation(Instant now) {
    if (acceptedAt != null) {
      return Invitation.ACCEPTED;
    }
    if (invitedAt == null) {
      return Invitation.NOT_INVITED;
    }
    return invitationExpiresAt.isAfter(now) ? Invitation.INVITED : Invitation.EXPIRED;
  }
}
