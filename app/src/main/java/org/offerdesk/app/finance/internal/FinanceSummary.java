package org.offerdesk.app.finance.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.orders.OrderDirectory;
import org.offerdesk.app.orders.OrderMoney;
import org.springframework.stereotype.Component;

/**
 * The sums finance shows: totals of a period per currency, the forecast of the next months from the
 * orders' payment schedules (installments not invoiced yet), and each order's money ({@link OrderMoney},
 * which the orders API and page show).
 */
@Component
class FinanceSummary implements OrderMoney {

  /** A period's totals in one currency, as decimal strings; {@code wholesaleCost} only for a reseller. */
  record Totals(String currency, long invoices, String invoiced, String listingFees, String refunds, String collected,
      String disbursed, String outstanding, String overdue, String wholesaleCost) {}

  /** What the schedules still bring in one month and currency. */
  record ForecastMonth(YearMonth month, String currency, String amount) {}

  private final LedgerQueries ledger;
  private final OrderDirectory orders;
  private final Clock clock;

  FinanceSummary(LedgerQueries ledger, OrderDirectory orders, Clock clock) {
    this.ledger = ledger;
    this.orders = orders;
    this.clock = clock;
  }

  List<Totals> totals(UUID organizationId, LocalDate from, LocalDate to) {
    return ledger.totals(organizationId, from, to).stream().map(r -> new Totals((String) r.get("currency"),
        ((Number) r.get("invoices")).longValue(), text(r, "invoiced"), text(r, "fees"), text(r, "refunds"),
        text(r, "collected"), text(r, "disbursed"), text(r, "outstanding"), text(r, "overdue"),
        r.get("wholesale_cost") == null ? null : text(r, "wholesale_cost"))).toList();
  }

  /** Installments dated from tomorrow through the next {@code months} months, per month and currency. */
  List<ForecastMonth> forecast(UUID organizationId, int months) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    YearMonth last = YearMonth.from(today).plusMonths(months - 1L);
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (OrderDirectory.ScheduledCharge c : orders.scheduledCharges(organizationId, today.plusDays(1))) {
      if (!YearMonth.from(c.chargeDate()).isAfter(last)) {
        sums.merge(YearMonth.from(c.chargeDate()) + "|" + c.amount().currency().getCurrencyCode(), c.amount().amount(),
            BigDecimal::add);
      }
    }
    List<ForecastMonth> forecast = new ArrayList<>();
    sums.forEach((k, v) -> forecast.add(new ForecastMonth(YearMonth.parse(k.split("\\|")[0]), k.split("\\|")[1],
        InvoiceView.text(v))));
    return forecast;
  }

  @Override
  public Optional<Summary> of(UUID organizationId, OrderDirectory.OrderRef order) {
    Optional<Map<String, Object>> sums = ledger.orderSums(organizationId, order.id());
    String currency = order.totalContractValue() != null ? order.totalContractValue().currency().getCurrencyCode()
        : sums.map(s -> (String) s.get("currency")).orElse(null);
    if (currency == null) {
      return Optional.empty();
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    BigDecimal scheduled = orders.scheduledCharges(organizationId, today.plusDays(1)).stream()
        .filter(c -> c.orderId().equals(order.id())).map(c -> c.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    Map<String, Object> s = sums.orElse(Map.of());
    Money contract = order.totalContractValue();
    boolean resold = s.get("wholesale_cost") != null;
    BigDecimal margin = LedgerQueries.amount(s, "invoiced").subtract(LedgerQueries.amount(s, "refunded"))
        .subtract(LedgerQueries.amount(s, "wholesale_cost")).subtract(LedgerQueries.amount(s, "fees"));
    return Optional.of(new Summary(contract == null ? null : InvoiceView.text(contract.amount()), text(s, "invoiced"),
        text(s, "fees"), text(s, "refunded"), text(s, "collected"), text(s, "disbursed"), text(s, "outstanding"),
        InvoiceView.text(scheduled), currency, resold ? text(s, "wholesale_cost") : null,
        resold ? InvoiceView.text(margin) : null));
  }

  private static String text(Map<String, Object> row, String column) {
    return InvoiceView.text(LedgerQueries.amount(row, column));
  }
}
