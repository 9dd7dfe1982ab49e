package org.offerdesk.app.offers.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.offerdesk.app.web.TokenHash;

/**
 * The link a buyer gets to an offer's page, {@code /o/<token>}: the token is 192 random bits, the link is
 * found by the token's SHA-256 (so a lookup's timing says nothing about a guess), and it stops working a
 * while after the offer's expiry date, on the security clock.
 */
final class ViewLinks {

  private ViewLinks() {}

  static byte[] hash(String token) {
    return TokenHash.bytes(token);
  }

  /**
   * When the link stops working: {@code grace} after the end of the offer's expiry date, so a buyer can
   * still read what happened to an expired or accepted offer for a while; an offer without an expiry date
   * (never sent) keeps its link for {@code grace} after it was created.
   */
  static Instant expiresAt(LocalDate offerExpiresOn, Instant offerCreatedAt, Duration grace) {
    Instant base = offerExpiresOn == null ? offerCreatedAt
        : offerExpiresOn.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return base.plus(grace);
  }

  static boolean isLive(Offer offer, Instant now, Duration grace) {
    return now.isBefore(expiresAt(offer.terms().expiresOn(), offer.createdAt(), grace));
  }
}
