package org.offerdesk.sandbox.billing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.offerdesk.sandbox.agreements.Agreement;
import org.offerdesk.sandbox.agreements.Agreements;
import org.offerdesk.sandbox.catalog.Products;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The consolidated monthly bill, issued on the 2nd of each month at 00:00 UTC for the month before: usage
 * metered through the Metering API at the agreement's usage rates, and public subscriptions taken out
 * that month, one invoice per agreement.
 */
@Component
class MonthlyBill {

  private final JdbcTemplate jdbc;
  private final Agreements agreements;
  private final Products products;
  private final Invoicing invoicing;
  private final DueWork work;

  MonthlyBill(JdbcTemplate jdbc, Agreements agreements, Products products, Invoicing invoicing, DueWork work) {
    this.jdbc = jdbc;
    this.agreements = agreements;
    this.products = products;
    this.invoicing = invoicing;
    this.work = work;
  }

  /** Makes sure the bill of the month {@code now} falls in is planned. */
  void plan(Instant now) {
    plan(YearMonth.from(now.atOffset(ZoneOffset.UTC)));
  }

  private void plan(YearMonth month) {
    Instant issue = month.plusMonths(1).atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC);
    work.schedule("monthly-bill/" + month, DueWork.Kind.MONTHLY_BILL, issue, month.toString());
  }

  /** Issues the bill of {@code month} (YYYY-MM) at {@code at}, and plans the next month's. */
  void issue(String month, Instant at) {
    YearMonth ym = YearMonth.parse(month);
    Instant start = ym.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = ym.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Map<String, BigDecimal> charges = new LinkedHashMap<>();
    Map<String, Agreement> byId = new LinkedHashMap<>();
    jdbc.query("SELECT product_code, customer_account_id, dimension, sum(quantity) FROM metering_record "
        + "WHERE usage_hour >= ? AND usage_hour < ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", rs -> {
          String code = rs.getString(1);
          String customer = rs.getString(2);
          String dimension = rs.getString(3);
          long quantity = rs.getLong(4);
          usageAgreement(code, customer, end).ifPresent(a -> usagePrice(a, dimension).ifPresent(price -> {
            byId.put(a.agreementId(), a);
            charges.merge(a.agreementId(), price.multiply(BigDecimal.valueOf(quantity)), BigDecimal::add);
          }));
        }, Timestamp.from(start), Timestamp.from(end));
    jdbc.queryForList("SELECT agreement_id FROM agreement WHERE NOT private_offer AND acceptance_time >= ? "
        + "AND acceptance_time < ? ORDER BY acceptance_time", String.class, Timestamp.from(start), Timestamp.from(end))
        .forEach(id -> agreements.find(id).ifPresent(a -> {
          if (a.agreementValue() != null && a.agreementValue().signum() > 0) {
            byId.put(id, a);
            charges.merge(id, a.agreementValue(), BigDecimal::add);
          }
        }));
    charges.forEach((id, amount) -> {
      if (amount.signum() > 0) {
        invoicing.issue(byId.get(id), "MONTHLY", "monthly/" + id + "/" + month, amount, at, start, end);
      }
    });
    plan(ym.plusMonths(1));
  }

  /** The buyer's latest agreement for the product that had started before the month ended. */
  private Optional<Agreement> usageAgreement(String productCode, String customer, Instant end) {
    return products.byProductCode(productCode).flatMap(p -> agreements.ofProduct(p.id()).stream()
        .filter(a -> a.acceptorAccountId().equals(customer) && a.startTime().isBefore(end))
        .max(Comparator.comparing(Agreement::acceptanceTime)));
  }

  private static Optional<BigDecimal> usagePrice(Agreement a, String dimension) {
    for (JsonNode term : a.acceptedTerms()) {
      for (JsonNode card : term.path("usageBasedPricingTerm").path("rateCards")) {
        for (JsonNode rate : card.path("rateCard")) {
          if (dimension.equals(rate.path("dimensionKey").asText())) {
            return Optional.of(new BigDecimal(rate.path("price").asText("0")));
          }
        }
      }
    }
    return Optional.empty();
  }
}
