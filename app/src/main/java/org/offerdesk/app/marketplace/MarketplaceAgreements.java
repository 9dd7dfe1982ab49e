package org.offerdesk.app.marketplace;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The seller's agreements on the marketplace (AWS Marketplace Agreement API): the purchase agreements
 * buyers made on its offers, and the terms they accepted. Every call may throw
 * {@link Marketplace.NotConnected}, {@link MarketplaceRejection} or {@link MarketplaceUnreachable}.
 */
public interface MarketplaceAgreements {

  Agreement agreement(UUID organizationId, String agreementId);

  /** Every term the buyer accepted, in the marketplace's order (all pages read). */
  List<AgreementTerm> acceptedTerms(UUID organizationId, String agreementId);

  /** One page of the purchase agreements the seller proposed that match the query. */
  ResultPage<AgreementSummary> search(UUID organizationId, AgreementQuery query, String nextToken);

  /** Every agreement that matches, page by page: each page is handed over before the next is asked for. */
  default void eachAgreement(UUID organizationId, AgreementQuery query, Consumer<AgreementSummary> action) {
    ResultPage.forEach(next -> search(organizationId, query, next), action);
  }

  /**
   * An agreement. {@code status} as the marketplace writes it ("ACTIVE", "EXPIRED", ...);
   * {@code value} and {@code currency} are its estimated charges, null when it sent none.
   */
  record Agreement(String id, String status, String proposerAccountId, String acceptorAccountId, String offerId,
      String productId, String value, String currency, Instant acceptedAt, Instant startsAt, Instant endsAt) {}

  /** What a search tells of each agreement. */
  record AgreementSummary(String id, String status, String offerId, String acceptorAccountId) {}

  /**
   * Which of the seller's purchase agreements to find: each non-null field narrows the search
   * (buyer account, product, offer, status such as "ACTIVE").
   */
  record AgreementQuery(String acceptorAccountId, String productId, String offerId, String status) {

    public static AgreementQuery all() {
      return new AgreementQuery(null, null, null, null);
    }

    public static AgreementQuery ofOffer(String offerId) {
      return new AgreementQuery(null, null, offerId, null);
    }

    public static AgreementQuery active(String acceptorAccountId, String productId) {
      return new AgreementQuery(acceptorAccountId, productId, null, "ACTIVE");
    }
  }
}
