package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.money.Money;

/**
 * What an offer proposes: who may accept it, what they get at what price, when they pay, for how long,
 * under which terms, and the seller's own metadata. Immutable; editing makes a new one.
 */
record OfferTerms(
    String productId,
    String name,
    String description,
    List<String> buyerAccountIds,
    String currency,
    PricingModel pricingModel,
    List<PricedDimension> dimensions,
    Integer durationMonths,
    LocalDate serviceStartDate,
    LocalDate serviceEndDate,
    List<Installment> paymentSchedule,
    LocalDate expiresOn,
    Eula eula,
    String refundPolicy,
    boolean autoRenew,
    Metadata metadata) {

  OfferTerms {
    buyerAccountIds = buyerAccountIds == null ? List.of() : List.copyOf(buyerAccountIds);
    dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    paymentSchedule = paymentSchedule == null ? List.of() : List.copyOf(paymentSchedule);
    pricingModel = pricingModel == null ? PricingModel.CONTRACT : pricingModel;
    metadata = metadata == null ? Metadata.empty() : metadata;
    eula = eula == null ? new Eula(EulaType.STANDARD, null) : eula;
  }

  /** Contract: quantities bought up front for the term; usage: pay per unit used. */
  enum PricingModel { CONTRACT, USAGE }

  /** A dimension of the listing with its quantity (contract only) and price per unit for the whole term. */
  record PricedDimension(String key, Long quantity,
      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {}

  /** One payment of the schedule. */
  record Installment(LocalDate dueOn, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {}

  enum EulaType { STANDARD, CUSTOM }

  /** The legal terms: AWS's standard contract, or the seller's own EULA at a URL. */
  record Eula(EulaType type, String url) {}

  /** The seller's own fields, in three groups an admin defines. */
  record Metadata(Map<String, Object> booking, Map<String, Object> registration, Map<String, Object> contract) {
    Metadata {
      booking = booking == null ? Map.of() : Map.copyOf(booking);
      registration = registration == null ? Map.of() : Map.copyOf(registration);
      contract = contract == null ? Map.of() : Map.copyOf(contract);
    }

    static Metadata empty() {
      return new Metadata(Map.of(), Map.of(), Map.of());
    }

    Map<String, Object> group(MetadataGroup group) {
      return switch (group) {
        case BOOKING -> booking;
        case REGISTRATION -> registration;
        case CONTRACT -> contract;
      };
    }
  }

  /** The total contract value: each dimension's quantity times its unit price. Zero for usage pricing. */
  @JsonIgnore
  public Money contractTotal() {
    Money total = Money.zero(Currency.getInstance(currency));
    if (pricingModel == PricingModel.USAGE) {
      return total;
    }
    for (PricedDimension d : dimensions) {
      if (d.quantity() != null && d.unitPrice() != null) {
        total = total.plus(new Money(d.unitPrice().multiply(BigDecimal.valueOf(d.quantity())), total.currency()));
      }
    }
    return total;
  }

  @JsonIgnore
  public boolean hasSchedule() {
    return !paymentSchedule.isEmpty();
  }

  OfferTerms withName(String newName) {
    return new OfferTerms(productId, newName, description, buyerAccountIds, currency, pricingModel, dimensions,
        durationMonths, serviceStartDate, serviceEndDate, paymentSchedule, expiresOn, eula, refundPolicy, autoRenew,
        metadata);
  }
}
