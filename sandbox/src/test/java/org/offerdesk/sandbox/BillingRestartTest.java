package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.offerdesk.sandbox.MoneyMarket.assertAmounts;
import static org.offerdesk.sandbox.MoneyMarket.only;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;

/**
 * Money work is kept in PostgreSQL and done once: a sandbox stopped between an invoice and its collection,
 * payout and next installment does each of them once, in order, after it is started again.
 */
class BillingRestartTest {

  @Test
  void invoicesCollectionsAndPayoutsRunExactlyOnceAcrossRestarts() {
    DatabaseUrl db = TestPostgres.newDatabase("sandbox_billing_restart");
    String seller;
    String buyer;
    try (MoneyMarket first = new MoneyMarket(db)) {
      MoneyMarket.Deal deal = first.deal(Map.of("method", "INVOICE", "netDays", 30, "payment", "ON_DUE_DATE"));
      seller = deal.seller().accountId();
      buyer = deal.buyer();
      String offerId = first.privateOffer(deal.catalog(), deal.productId(), buyer, MoneyMarket.upfront("0.0"),
          "{\"Type\":\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\",\"Schedule\":[{\"ChargeDate\":\"" + first.inDays(0)
              + "\",\"ChargeAmount\":\"200.00\"},{\"ChargeDate\":\"" + first.inDays(40) + "\",\"ChargeAmount\":\"170.00\"}]}");
      first.accept(offerId, buyer);
      first.advance("P20D");
      assertThat(only(first.rows(seller), "COLLECTED", "SELLER_REV_SHARE")).isEmpty();
    }
    try (MoneyMarket second = new MoneyMarket(db)) {
      second.advance("P12D");
      second.advance("PT1H");
      List<Map<String, Object>> rows = second.rows(seller);
      assertAmounts(only(rows, "INVOICED", "SELLER_REV_SHARE"), "200");
      assertThat(only(rows, "COLLECTED", "SELLER_REV_SHARE")).hasSize(1);
      assertThat(only(rows, "COLLECTED", "AWS_REV_SHARE")).hasSize(1);
      assertAmounts(only(rows, "DISBURSED", "DISBURSEMENT"), "194");
    }
    try (MoneyMarket third = new MoneyMarket(db)) {
      third.advance("P10D");
      List<Map<String, Object>> rows = third.rows(seller);
      assertAmounts(only(rows, "INVOICED", "SELLER_REV_SHARE"), "200", "170");
      assertThat(only(rows, "COLLECTED", "SELLER_REV_SHARE")).hasSize(1);
      assertAmounts(only(rows, "DISBURSED", "DISBURSEMENT"), "194");
      assertThat(only(rows, "DISBURSED", "SELLER_REV_SHARE")).hasSize(1);
      assertThat(third.send("GET", "/sandbox/accounts/" + buyer + "/invoices", null, 200)).hasSize(2);
      assertThat(third.jdbc.queryForObject("SELECT count(*) FROM sandbox.due_work WHERE done_at IS NULL AND due_at <= now() + "
          + "(SELECT value FROM sandbox.sandbox_info WHERE key = 'clock_offset')::interval", Integer.class)).isZero();
    }
  }
}
