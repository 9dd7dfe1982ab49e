package org.offerdesk.app.offers.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.offers.OfferType;

/**
 * An offer as the API and the form send it. Everything is optional here; the rules say what is missing. A
 * partner offer names its {@code resaleAuthorizationId} and {@code markupPercent}; its product, prices and
 * duration come from the authorization.
 */
record OfferInput(
    OfferType type,
    String productId,
    String name,
    String description,
    List<String> buyerAccountIds,
    String currency,
    OfferTerms.PricingModel pricingModel,
    List<DimensionInput> dimensions,
    Integer durationMonths,
    LocalDate serviceStartDate,
    LocalDate serviceEndDate,
    List<InstallmentInput> paymentSchedule,
    LocalDate expiresOn,
    EulaInput eula,
    String refundPolicy,
    Boolean autoRenew,
    MetadataInput metadata,
    Integer version,
    String resaleAuthorizationId,
    BigDecimal markupPercent) {

  record DimensionInput(String key, Long quantity, BigDecimal unitPrice) {}

  record InstallmentInput(LocalDate dueOn, BigDecimal amount) {}

  record EulaInput(OfferTerms.EulaType type, String url) {}

  record MetadataInput(Map<String, Object> booking, Map<String, Object> registration, Map<String, Object> contract) {}

  OfferTerms toTerms() {
    return new OfferTerms(trim(productId), trim(name), trim(description),
        buyerAccountIds == null ? List.of() : buyerAccountIds.stream().map(OfferInput::trim).toList(),
        currency == null ? "USD" : currency.strip().toUpperCase(), pricingModel,
        dimensions == null ? List.of() : dimensions.stream()
            .map(d -> new OfferTerms.PricedDimension(trim(d.key()), d.quantity(), d.unitPrice())).toList(),
        durationMonths, serviceStartDate, serviceEndDate,
        paymentSchedule == null ? List.of() : paymentSchedule.stream()
            .map(i -> new OfferTerms.Installment(i.dueOn(), i.amount())).toList(),
        expiresOn, eula == null ? null : new OfferTerms.Eula(eula.type(), trim(eula.url())), trim(refundPolicy),
        Boolean.TRUE.equals(autoRenew),
        metadata == null ? null : new OfferTerms.Metadata(metadata.booking(), metadata.registration(),
            metadata.contract()));
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
