package org.offerdesk.app.marketplace;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One term a buyer accepted, as the Agreement API reports it (GetAgreementTerms): each kind of term is
 * its own record, and kinds OfferDesk does not read are left out. Amounts are decimals, dates instants.
 */
public sealed interface AgreementTerm {

  /** A contract paid upfront: the price, the duration (ISO-8601 such as "P12M") and the quantities granted. */
  record FixedUpfrontPricing(String currency, BigDecimal price, String duration, List<Grant> grants)
      implements AgreementTerm {}

  /** A dimension and how many units of it were bought (null when unlimited or not said). */
  record Grant(String dimensionKey, Integer maxQuantity) {}

  /**
   * A contract whose buyer chose the quantities: the chosen configuration (null when none) and the rates.
   */
  record ConfigurableUpfrontPricing(String currency, Configuration configuration, List<Rate> rates)
      implements AgreementTerm {}

  /** The buyer's choice: the selector (such as the duration "P12M") and the quantity of each dimension. */
  record Configuration(String selectorValue, List<Grant> dimensions) {}

  /** A price per unit of a dimension. */
  record Rate(String dimensionKey, BigDecimal price) {}

  /** Pay as you go: the price per unit of each dimension. */
  record UsageBasedPricing(String currency, List<Rate> rates) implements AgreementTerm {}

  /** The installments the buyer is charged on their dates. */
  record PaymentSchedule(String currency, List<Installment> installments) implements AgreementTerm {}

  /** One installment. */
  record Installment(Instant chargeDate, BigDecimal amount) {}

  /** How long the agreement runs: a duration, or start and end dates. */
  record Validity(String duration, Instant startDate, Instant endDate) implements AgreementTerm {}

  /** The legal documents (EULA) of the agreement. */
  record Legal(List<Document> documents) implements AgreementTerm {}

  /** A legal document: its type (such as "StandardEula") and where it is, if anywhere. */
  record Document(String type, String url) {}

  /** The seller's support and refund policy. */
  record Support(String refundPolicy) implements AgreementTerm {}

  /** Whether the agreement renews itself (null when the buyer has not said). */
  record Renewal(Boolean autoRenew) implements AgreementTerm {}
}
