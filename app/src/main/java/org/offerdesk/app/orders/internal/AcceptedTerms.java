package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.marketplace.AgreementTerm;
import org.offerdesk.app.money.Money;

/** The terms the buyer accepted, as the Agreement API reports them (GetAgreementTerms). */
record AcceptedTerms(
    String currency,
    List<Quantity> dimensions,
    List<Charge> schedule,
    String duration,
    LocalDate startDate,
    LocalDate endDate,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal upfrontPrice,
    List<Rate> rates,
    String eula,
    String refundPolicy,
    boolean autoRenew) {

  /** A dimension and the quantity bought. */
  record Quantity(String key, Long quantity) {}

  /** An installment of the payment schedule. */
  record Charge(LocalDate chargeDate, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {}

  /** A price per unit (configurable upfront or usage). */
  record Rate(String key, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, boolean usage) {}

  /** The quantity bought of each dimension (a dimension without a stated quantity counts as one). */
  Map<String, Long> quantities() {
    Map<String, Long> q = new java.util.LinkedHashMap<>();
    dimensions.forEach(d -> q.merge(d.key(), d.quantity() == null ? 1L : d.quantity(), Long::sum));
    return q;
  }

  static AcceptedTerms of(List<AgreementTerm> terms) {
    String currency = null;
    List<Quantity> dimensions = new ArrayList<>();
    List<Charge> schedule = new ArrayList<>();
    String duration = null;
    LocalDate start = null;
    LocalDate end = null;
    BigDecimal upfront = null;
    List<Rate> rates = new ArrayList<>();
    String eula = null;
    String refund = null;
    boolean renew = false;
    for (AgreementTerm t : terms) {
      if (t instanceof AgreementTerm.FixedUpfrontPricing f) {
        currency = f.currency();
        upfront = f.price();
        duration = f.duration() != null ? f.duration() : duration;
        f.grants().forEach(g -> dimensions.add(new Quantity(g.dimensionKey(),
            g.maxQuantity() == null ? null : g.maxQuantity().longValue())));
      } else if (t instanceof AgreementTerm.ConfigurableUpfrontPricing c) {
        currency = c.currency();
        if (c.configuration() != null) {
          c.configuration().dimensions().forEach(d -> dimensions.add(new Quantity(d.dimensionKey(),
              d.maxQuantity() == null ? null : d.maxQuantity().longValue())));
          if (duration == null) {
            duration = c.configuration().selectorValue();
          }
        }
        c.rates().forEach(r -> rates.add(new Rate(r.dimensionKey(), r.price(), false)));
      } else if (t instanceof AgreementTerm.UsageBasedPricing u) {
        currency = u.currency();
        u.rates().forEach(r -> rates.add(new Rate(r.dimensionKey(), r.price(), true)));
      } else if (t instanceof AgreementTerm.PaymentSchedule p) {
        currency = p.currency();
        p.installments().forEach(s -> schedule.add(new Charge(date(s.chargeDate()), s.amount())));
      } else if (t instanceof AgreementTerm.Validity v) {
        duration = v.duration() != null ? v.duration() : duration;
        start = date(v.startDate());
        end = date(v.endDate());
      } else if (t instanceof AgreementTerm.Legal l && !l.documents().isEmpty()) {
        var d = l.documents().get(0);
        eula = d.url() != null ? d.type() + " " + d.url() : d.type();
      } else if (t instanceof AgreementTerm.Support s) {
        refund = s.refundPolicy();
      } else if (t instanceof AgreementTerm.Renewal r && r.autoRenew() != null) {
        renew = r.autoRenew();
      }
    }
    return new AcceptedTerms(currency, dimensions, schedule, duration, start, end, upfront, rates, eula, refund,
        renew);
  }

  /**
   * The total contract value the terms commit the buyer to, in {@code currencyCode}: the payment schedule
   * when there is one, otherwise the upfront price, otherwise each configurable rate times its quantity.
   * Usage has none (zero). Null when no currency is known: an amount without one is not money.
   */
  Money totalContractValue(String currencyCode) {
    if (currencyCode == null || currencyCode.isBlank()) {
      return null;
    }
    Currency unit = Currency.getInstance(currencyCode);
    if (!schedule.isEmpty()) {
      return Money.sum(unit, schedule.stream().map(c -> Money.of(c.amount(), unit)));
    }
    if (upfrontPrice != null && upfrontPrice.signum() > 0) {
      return Money.of(upfrontPrice, unit);
    }
    return Money.sum(unit, rates.stream().filter(r -> !r.usage()).map(r -> Money.of(r.price(), unit)
        .times(dimensions.stream().filter(d -> d.key().equals(r.key())).map(Quantity::quantity)
            .filter(q -> q != null).findFirst().orElse(0L))));
  }

  private static LocalDate date(Instant instant) {
    return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
