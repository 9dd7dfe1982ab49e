package org.offerdesk.app.partners.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What an ISV grants a reseller in a resale authorization, as the API writes it and OfferDesk stores it:
 * the product, the reseller, the contract pricing (a wholesale price per dimension, or a discount off the
 * list prices), an optional installment plan for the buyer, which buyers, how long and how often it may
 * be used, and the legal documents. Amounts are decimal strings.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ResaleTerms(
    String productId,
    String resellerAccountId,
    String name,
    String description,
    String currency,
    Pricing pricing,
    List<Installment> installments,
    List<String> buyerAccountIds,
    Availability availability,
    Boolean renewal,
    LegalDocument eula,
    LegalDocument resellerContract) {

  ResaleTerms {
    installments = installments == null ? List.of() : List.copyOf(installments);
    buyerAccountIds = buyerAccountIds == null ? List.of() : List.copyOf(buyerAccountIds);
    currency = currency == null || currency.isBlank() ? "USD" : currency.strip().toUpperCase();
    availability = availability == null ? new Availability(AvailabilityType.UNLIMITED, null) : availability;
    renewal = renewal != null && renewal;
    eula = eula == null ? LegalDocument.STANDARD : eula;
  }

  /** Contract pricing: for {@code durationMonths}, wholesale prices per dimension or a discount off list. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Pricing(Integer durationMonths,
      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal discountPercent,
      List<WholesaleDimension> dimensions) {
    Pricing {
      dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }

    public boolean byDiscount() {
      return discountPercent != null;
    }
  }

  /** The reseller's price of one unit of a dimension for the contract's duration. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record WholesaleDimension(String key, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal wholesalePrice) {}

  /** One payment of the buyer's installment plan. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Installment(LocalDate dueOn, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {}

  /** How often and until when the reseller may make offers on it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Availability(AvailabilityType type, LocalDate endsOn) {}

  /** Single use: one offer; until a date: any number before it; unlimited: until deactivated. */
  enum AvailabilityType { SINGLE_USE, UNTIL_DATE, UNLIMITED }

  /** AWS's standard document, or the ISV's own at a URL. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record LegalDocument(DocumentType type, String url) {
    static final LegalDocument STANDARD = new LegalDocument(DocumentType.STANDARD, null);
  }

  enum DocumentType { STANDARD, CUSTOM }
}
