package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {
    Money unitPrice(Currency currency) {
      return Money.of(unitPrice, currency);
    }
  }

  /** One payment of the schedule. */
  record Installment(LocalDate dueOn, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    Money amount(Currency currency) {
      return Money.of(amount, currency);
    }
  }

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

  /**
   * The total contract value: each dimension's quantity times its unit price; zero for usage pricing.
   * Empty while a term it needs is unknown (the currency, a quantity or a unit price): an offer imported
   * without them has no total, rather than a made-up one.
   */
  @JsonIgnore
  public Optional<Money> contractTotal() {
    Optional<Currency> unit = currencyUnit();
    if (unit.isEmpty()) {
      return Optional.empty();
    }
    if (pricingModel == PricingModel.USAGE) {
      return Optional.of(Money.zero(unit.get()));
    }
    if (dimensions.stream().anyMatch(d -> d.quantity() == null || d.unitPrice() == null)) {
      return Optional.empty();
    }
    return Optional.of(Money.sum(unit.get(), dimensions.stream().map(d -> d.unitPrice(unit.get()).times(d.quantity()))));
  }

  /** What the payment schedule adds up to; empty while the currency or an amount is unknown. */
  @JsonIgnore
  public Optional<Money> scheduledTotal() {
    Optional<Currency> unit = currencyUnit();
    if (unit.isEmpty() || paymentSchedule.stream().anyMatch(i -> i.amount() == null)) {
      return Optional.empty();
    }
    return Optional.of(Money.sum(unit.get(), paymentSchedule.stream().map(i -> i.amount(unit.get()))));
  }

  /** The currency as a {@link Currency}; empty when unknown or not an ISO code. */
  @JsonIgnore
  public Optional<Currency> currencyUnit() {
    try {
      return currency == null || currency.isBlank() ? Optional.empty() : Optional.of(Currency.getInstance(currency));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The terms nobody stated, in words a reviewer reads ("currency", "unit price of Seats", "duration").
   * Only an offer made outside OfferDesk can have them: OfferDesk's own forms require every one.
   */
  @JsonIgnore
  public List<String> missingTerms() {
    List<String> missing = new ArrayList<>();
    if (currency == null || currency.isBlank()) {
      missing.add("currency");
    }
    if (dimensions.isEmpty()) {
      missing.add("pricing");
    }
    for (PricedDimension d : dimensions) {
      if (d.unitPrice() == null) {
        missing.add("unit price of " + d.key());
      }
      if (pricingModel == PricingModel.CONTRACT && d.quantity() == null) {
        missing.add("quantity of " + d.key());
      }
    }
    if (durationMonths == null && serviceStartDate == null && serviceEndDate == null) {
      missing.add("duration");
    }
    return missing;
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
