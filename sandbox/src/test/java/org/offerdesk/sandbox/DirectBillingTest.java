package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.offerdesk.sandbox.MoneyMarket.amount;
import static org.offerdesk.sandbox.MoneyMarket.assertAmounts;
import static org.offerdesk.sandbox.MoneyMarket.only;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A seller's direct private offers, billed and paid out as AWS does: invoices at acceptance and on each
 * installment's date with a 3% listing fee, collection by the buyer's payment terms, payouts of invoice
 * minus fee by the seller's disbursement settings, with every covered line mirrored. Moves its own clock.
 */
class DirectBillingTest {

  static MoneyMarket market;

  @BeforeAll
  static void start() {
    market = new MoneyMarket("sandbox_direct_billing");
  }

  @AfterAll
  static void stop() {
    market.close();
  }

  static Instant instant(Map<String, Object> row, String column) {
    return ((Timestamp) row.get(column)).toInstant();
  }

  static Instant midnightAfter(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  @Test
  void twoInstallmentsAreInvoicedOnTheirDatesCollectedWhenDueAndPaidOutLessTheFee() {
    MoneyMarket.Deal deal = market.deal(Map.of("method", "INVOICE", "netDays", 30, "payment", "ON_DUE_DATE"));
    String secondDate = market.inDays(40);
    String offerId = market.privateOffer(deal.catalog(), deal.productId(), deal.buyer(), MoneyMarket.upfront("0.0"),
        "{\"Type\":\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\",\"Schedule\":[{\"ChargeDate\":\"" + market.inDays(0)
            + "\",\"ChargeAmount\":\"200.00\"},{\"ChargeDate\":\"" + secondDate + "\",\"ChargeAmount\":\"170.00\"}]}");
    String agreementId = market.accept(offerId, deal.buyer());
    String seller = deal.seller().accountId();

    // the first installment, dated today (before acceptance), is invoiced at acceptance; 3% fee under $1M TCV
    List<Map<String, Object>> rows = market.rows(seller);
    assertAmounts(only(rows, "INVOICED", "SELLER_REV_SHARE"), "200");
    assertAmounts(only(rows, "INVOICED", "AWS_REV_SHARE"), "-6");
    Map<String, Object> first = only(rows, "INVOICED", "SELLER_REV_SHARE").get(0);
    Instant issued = instant(first, "invoice_date");
    assertThat(instant(first, "payment_due_date")).isEqualTo(issued.plus(Duration.ofDays(30)));
    assertThat(first).containsEntry("agreement_id", agreementId).containsEntry("from_aws", deal.buyer())
        .containsEntry("to_aws", seller).containsEntry("invoice_variant", "PURCHASE").containsEntry("broker_id", "AWS_INC");
    assertThat(((String) first.get("billing_event_id"))).hasSize(40);
    String invoiceId = (String) first.get("invoice_id");
    assertThat(only(rows, "INVOICED", "AWS_REV_SHARE").get(0)).containsEntry("invoice_id", invoiceId)
        .containsEntry("charge_variant", "LISTING_FEE").containsEntry("from_aws", seller).containsEntry("to_aws", "000000000000");
    JsonNode invoices = market.send("GET", "/sandbox/accounts/" + deal.buyer() + "/invoices", null, 200);
    assertThat(invoices).hasSize(1);
    assertThat(invoices.get(0).path("status").asText()).isEqualTo("issued");
    assertThat(invoices.get(0).path("amount").decimalValue()).isEqualByComparingTo("200");

    // collected on the due date, not before
    market.advance("P29D");
    assertThat(only(market.rows(seller), "COLLECTED", "SELLER_REV_SHARE")).isEmpty();
    market.advance("P1D");
    rows = market.rows(seller);
    assertThat(only(rows, "COLLECTED", "SELLER_REV_SHARE")).singleElement()
        .satisfies(r -> assertThat(instant(r, "action_date")).isEqualTo(issued.plus(Duration.ofDays(30))));
    assertThat(market.send("GET", "/sandbox/accounts/" + deal.buyer() + "/invoices", null, 200).get(0).path("status").asText())
        .isEqualTo("paid");
    assertThat(only(rows, "DISBURSED", "DISBURSEMENT")).isEmpty();

    // paid out at the next 00:00 UTC (daily): the invoice less the fee, each line mirrored
    market.advance("P1D");
    rows = market.rows(seller);
    Map<String, Object> payout = only(rows, "DISBURSED", "DISBURSEMENT").get(0);
    assertThat(only(rows, "DISBURSED", "DISBURSEMENT")).hasSize(1);
    assertThat(amount(payout)).isEqualByComparingTo("194.00");
    assertThat(instant(payout, "action_date")).isEqualTo(midnightAfter(issued.plus(Duration.ofDays(30))));
    assertThat(payout.get("bank_trace_id")).isNotNull();
    assertThat(payout.get("disbursement_reference_number")).isNotNull();
    assertThat(payout).containsEntry("from_aws", "000000000000").containsEntry("to_aws", seller)
        .containsEntry("balance_impacting", 0);
    List<Map<String, Object>> mirrors = rows.stream().filter(r -> "DISBURSED".equals(r.get("action"))
        && !"DISBURSEMENT".equals(r.get("transaction_type"))).toList();
    assertThat(mirrors).extracting(r -> r.get("transaction_type") + " " + amount(r).toPlainString())
        .containsExactlyInAnyOrder("SELLER_REV_SHARE -200", "AWS_REV_SHARE 6");
    assertThat(mirrors).allSatisfy(m -> assertThat(m).containsEntry("disbursement_billing_event_id", payout.get("billing_event_id"))
        .containsEntry("invoice_id", invoiceId));
    assertThat(mirrors).extracting(m -> m.get("parent_billing_event_id")).containsExactlyInAnyOrder(
        first.get("billing_event_id"), only(rows, "INVOICED", "AWS_REV_SHARE").get(0).get("billing_event_id"));

    // the second installment is invoiced on its charge date, at 00:00 UTC
    market.advance("P10D");
    rows = market.rows(seller);
    assertAmounts(only(rows, "INVOICED", "SELLER_REV_SHARE"), "200", "170");
    assertAmounts(only(rows, "INVOICED", "AWS_REV_SHARE"), "-6", "-5.1");
    assertThat(instant(only(rows, "INVOICED", "SELLER_REV_SHARE").get(1), "invoice_date"))
        .isEqualTo(LocalDate.parse(secondDate).atStartOfDay().toInstant(ZoneOffset.UTC));
  }
}
