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

  private static final Map<String, Object> PAYS_AT_ONCE = Map.of("method", "INVOICE", "netDays", 30, "payment", "IMMEDIATELY");

  @Test
  void aMonthlySellerIsPaidOnTheDayItChose() {
    MoneyMarket.Deal deal = market.deal(PAYS_AT_ONCE);
    String seller = deal.seller().accountId();
    LocalDate payday = market.paidMonthlyOn(deal, 15, "1000.00");

    market.advance("P31D");
    List<Map<String, Object>> payouts = only(market.rows(seller), "DISBURSED", "DISBURSEMENT");
    assertThat(payouts).singleElement().satisfies(p -> {
      assertThat(amount(p)).isEqualByComparingTo("970.00");
      assertThat(instant(p, "action_date")).isEqualTo(payday.atStartOfDay().toInstant(ZoneOffset.UTC));
    });
  }

  @Test
  void aLatePayerPaysDaysAfterTheDueDateAndIsOverdueMeanwhile() {
    MoneyMarket.Deal deal = market.deal(Map.of("method", "INVOICE", "netDays", 30, "payment", "LATE", "lateDays", 5));
    market.acceptUpfront(deal, "100.00");
    String seller = deal.seller().accountId();
    Instant issued = instant(only(market.rows(seller), "INVOICED", "SELLER_REV_SHARE").get(0), "invoice_date");

    market.advance("P31D");
    assertThat(market.send("GET", "/sandbox/accounts/" + deal.buyer() + "/invoices", null, 200).get(0).path("status").asText())
        .isEqualTo("overdue");
    assertThat(only(market.rows(seller), "COLLECTED", "SELLER_REV_SHARE")).isEmpty();
    market.advance("P5D");
    assertThat(only(market.rows(seller), "COLLECTED", "SELLER_REV_SHARE")).singleElement()
        .satisfies(r -> assertThat(instant(r, "action_date")).isEqualTo(issued.plus(Duration.ofDays(35))));
    assertAmounts(only(market.rows(seller), "DISBURSED", "DISBURSEMENT"), "97");
  }

  @Test
  void aBuyerWhoNeverPaysLeavesTheSellerUnpaidAndAManualPayerPaysByHand() {
    MoneyMarket.Deal never = market.deal(Map.of("method", "INVOICE", "payment", "NEVER"));
    market.acceptUpfront(never, "100.00");
    MoneyMarket.Deal manual = market.deal(Map.of("method", "INVOICE", "netDays", 45, "payment", "MANUAL"));
    market.acceptUpfront(manual, "300.00");

    market.advance("P60D");
    JsonNode neverInvoices = market.send("GET", "/sandbox/accounts/" + never.buyer() + "/invoices", null, 200);
    assertThat(neverInvoices.get(0).path("status").asText()).isEqualTo("overdue");
    assertThat(market.rows(never.seller().accountId())).noneMatch(r -> !"INVOICED".equals(r.get("action")));
    JsonNode open = market.send("GET", "/sandbox/accounts/" + manual.buyer() + "/invoices", null, 200).get(0);
    assertThat(open.path("status").asText()).isEqualTo("overdue");

    JsonNode paid = market.send("POST", "/sandbox/invoices/" + open.path("invoiceId").asText() + "/pay", null, 200);
    assertThat(paid.path("status").asText()).isEqualTo("paid");
    market.send("POST", "/sandbox/invoices/" + open.path("invoiceId").asText() + "/pay", null, 409);
    market.advance("P1D");
    assertAmounts(only(market.rows(manual.seller().accountId()), "DISBURSED", "DISBURSEMENT"), "291");
    assertThat(market.rows(never.seller().accountId())).noneMatch(r -> "DISBURSED".equals(r.get("action")));
  }

  @Test
  void aBadBankAccountPausesPayoutsWithAnEventUntilItIsFixed() {
    MoneyMarket.Deal deal = market.deal(PAYS_AT_ONCE);
    String seller = deal.seller().accountId();
    market.send("PUT", "/sandbox/accounts/" + seller + "/disbursement-settings",
        Map.of("frequency", "DAILY", "bankAccountValid", false), 200);
    market.acceptUpfront(deal, "100.00");
    market.advance("P2D");
    assertThat(only(market.rows(seller), "DISBURSED", "DISBURSEMENT")).isEmpty();
    try (var sqs = Marketplace.sqs(market.endpoint(), deal.seller().accessKeyId(), deal.seller().secretAccessKey())) {
      JsonNode paused = new Marketplace.Inbox(sqs).awaitEvent("Disbursement Paused", e -> true);
      assertThat(paused.path("source").asText()).isEqualTo("aws.marketplace");
      assertThat(paused.path("account").asText()).isEqualTo(seller);
      assertThat(paused.path("resources").get(0).asText()).startsWith("arn:aws:payments::" + seller);
    }

    market.send("PUT", "/sandbox/accounts/" + seller + "/disbursement-settings", Map.of("frequency", "DAILY"), 200);
    market.advance("P1D");
    assertAmounts(only(market.rows(seller), "DISBURSED", "DISBURSEMENT"), "97");
  }

  @Test
  void aFailedPayoutIsReversedAndItsLinesArePaidByTheNextRun() {
    market.advance("P1D");
    MoneyMarket.Deal deal = market.deal(PAYS_AT_ONCE);
    String seller = deal.seller().accountId();
    market.acceptUpfront(deal, "100.00");
    market.send("POST", "/sandbox/faults", Map.of("failNextPayouts", 1), 200);
    try {
      market.advance("P1D");
    } finally {
      market.send("DELETE", "/sandbox/faults", null, 200);
    }
    List<Map<String, Object>> rows = market.rows(seller);
    Map<String, Object> failed = only(rows, "DISBURSED", "DISBURSEMENT").get(0);
    assertThat(only(rows, "DISBURSED", "DISBURSEMENT_FAILURE")).singleElement().satisfies(f -> {
      assertThat(f).containsEntry("parent_billing_event_id", failed.get("billing_event_id"));
      assertThat(amount(f)).isEqualByComparingTo("-97");
    });

    market.advance("P1D");
    rows = market.rows(seller);
    List<Map<String, Object>> payouts = only(rows, "DISBURSED", "DISBURSEMENT");
    assertAmounts(payouts, "97", "97");
    Object second = payouts.get(1).get("billing_event_id");
    assertThat(only(rows, "DISBURSED", "SELLER_REV_SHARE")).extracting(r -> r.get("disbursement_billing_event_id"))
        .containsExactly(failed.get("billing_event_id"), second);
  }

  @Test
  void usageMeteredInAMonthAndAPublicSubscriptionAreBilledOnTheSecondOfTheNext() {
    MoneyMarket.Metered metered = market.meteredSubscription(1000);
    SandboxFixture.NewAccount seller = metered.seller();
    assertThat(market.rows(seller.accountId())).isEmpty();

    LocalDate month = metered.month();
    LocalDate billDay = metered.billDay();
    long days = Duration.between(metered.meteredAt(), billDay.atStartOfDay().toInstant(ZoneOffset.UTC)).toDays();
    if (days > 0) {
      market.advance("P" + days + "D");
    }
    assertThat(only(market.rows(seller.accountId()), "INVOICED", "SELLER_REV_SHARE")).isEmpty();
    market.advance("P1D");

    List<Map<String, Object>> rows = market.rows(seller.accountId());
    // 12 months of one seat at list price (120.00) and 1,000 calls at 0.01; 3% on public SaaS
    assertAmounts(only(rows, "INVOICED", "SELLER_REV_SHARE"), "130");
    assertAmounts(only(rows, "INVOICED", "AWS_REV_SHARE"), "-3.9");
    Map<String, Object> line = only(rows, "INVOICED", "SELLER_REV_SHARE").get(0);
    assertThat(instant(line, "invoice_date")).isEqualTo(billDay.atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(instant(line, "usage_period_start_date")).isEqualTo(month.atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(instant(line, "usage_period_end_date"))
        .isEqualTo(month.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1));
  }

  @Test
  void aBillingAdjustmentRefundsTheBuyerAndReturnsTheProportionalFee() {
    market.toNextNoon();
    MoneyMarket.Deal deal = market.deal(PAYS_AT_ONCE);
    String seller = deal.seller().accountId();
    String agreementId = market.acceptUpfront(deal, "1000.00");
    String byAgreement = "{\"agreementId\":\"" + agreementId + "\",\"groupBy\":\"INVOICE_ID\"}";
    MoneyMarket.Answer lines = market.agreementApi(deal.seller(), "ListAgreementInvoiceLineItems", byAgreement);
    assertThat(lines.status()).as("%s", lines.body()).isEqualTo(200);
    JsonNode invoice = lines.body().path("agreementInvoiceLineItemGroupSummaries").get(0);
    String invoiceId = invoice.path("invoiceId").asText();
    assertThat(invoice.path("pricingCurrencyAmount").path("amount").asText()).isEqualTo("1000.00");
    assertThat(invoice.path("pricingCurrencyAmount").path("maxAdjustmentAmount").asText()).isEqualTo("1000.00");
    assertThat(invoice.path("invoiceType").asText()).isEqualTo("INVOICE");
    assertThat(invoice.path("issuedTime").isNumber()).isTrue();
    JsonNode charges = market.agreementApi(deal.seller(), "ListAgreementCharges", "{\"agreementId\":\"" + agreementId + "\"}").body();
    assertThat(charges.path("items").get(0).path("amount").asText()).isEqualTo("1000.00");

    MoneyMarket.Answer tooMuch = market.agreementApi(deal.seller(), "BatchCreateBillingAdjustmentRequest",
        entry(agreementId, invoiceId, "1000.01", "too-much"));
    assertThat(tooMuch.body().path("items")).isEmpty();
    assertThat(tooMuch.body().path("errors").get(0).path("code").asText()).isEqualTo("VALIDATION_EXCEPTION");
    assertThat(tooMuch.body().path("errors").get(0).path("message").asText()).contains("maxAdjustmentAmount");
    assertThat(tooMuch.body().path("errors").get(0).path("clientToken").asText()).isEqualTo("too-much");

    MoneyMarket.Answer made = market.agreementApi(deal.seller(), "BatchCreateBillingAdjustmentRequest",
        entry(agreementId, invoiceId, "100.00", "refund-1"));
    assertThat(made.body().path("errors")).isEmpty();
    String adjustmentId = made.body().path("items").get(0).path("billingAdjustmentRequestId").asText();
    assertThat(market.agreementApi(deal.seller(), "BatchCreateBillingAdjustmentRequest",
        entry(agreementId, invoiceId, "100.00", "refund-1")).body().path("items").get(0).path("billingAdjustmentRequestId").asText())
        .isEqualTo(adjustmentId);
    assertThat(market.agreementApi(deal.seller(), "BatchCreateBillingAdjustmentRequest",
        entry(agreementId, invoiceId, "50.00", "refund-1")).body().path("errors").get(0).path("code").asText())
        .isEqualTo("CONFLICT_EXCEPTION");

    market.advance("PT1M");
    JsonNode got = market.agreementApi(deal.seller(), "GetBillingAdjustmentRequest", "{\"agreementId\":\"" + agreementId
        + "\",\"billingAdjustmentRequestId\":\"" + adjustmentId + "\"}").body();
    assertThat(got.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(got.path("adjustmentAmount").asText()).isEqualTo("100.00");
    assertThat(got.path("adjustmentReasonCode").asText()).isEqualTo("BUYER_DISSATISFACTION");
    assertThat(market.agreementApi(deal.seller(), "ListBillingAdjustmentRequests", "{\"agreementId\":\"" + agreementId + "\"}")
        .body().path("items")).singleElement().satisfies(b -> assertThat(b.path("status").asText()).isEqualTo("COMPLETED"));

    List<Map<String, Object>> rows = market.rows(seller);
    assertAmounts(only(rows, "INVOICED", "SELLER_REV_SHARE_REFUND"), "-100");
    assertAmounts(only(rows, "INVOICED", "AWS_REV_SHARE_REFUND"), "3");
    JsonNode after = market.agreementApi(deal.seller(), "ListAgreementInvoiceLineItems", byAgreement).body()
        .path("agreementInvoiceLineItemGroupSummaries");
    assertThat(after).extracting(n -> n.path("invoiceType").asText() + " " + n.path("pricingCurrencyAmount").path("amount").asText()
        + " " + n.path("pricingCurrencyAmount").path("maxAdjustmentAmount").asText())
        .containsExactly("INVOICE 1000.00 900.00", "CREDIT_MEMO -100.00 0.00");
    try (var sqs = Marketplace.sqs(market.endpoint(), deal.seller().accessKeyId(), deal.seller().secretAccessKey())) {
      JsonNode event = new Marketplace.Inbox(sqs).awaitEvent("Purchase Agreement Billing Adjustment Completed - Proposer",
          Marketplace.forAgreement(agreementId));
      assertThat(event.path("detail").path("billingAdjustmentRequest").path("adjustmentAmount").asText()).isEqualTo("-100.00");
      assertThat(event.path("detail").path("billingAdjustmentRequest").path("id").asText()).isEqualTo(adjustmentId);
      assertThat(event.path("detail").path("invoice").path("originalInvoiceId").asText()).isEqualTo(invoiceId);
    }

    // the payout nets the refund: 1000 - 30 - 100 + 3
    market.advance("P1D");
    assertAmounts(only(market.rows(seller), "DISBURSED", "DISBURSEMENT"), "873");
  }

  static String entry(String agreementId, String invoiceId, String amount, String token) {
    return "{\"billingAdjustmentRequestEntries\":[{\"agreementId\":\"" + agreementId + "\",\"originalInvoiceId\":\"" + invoiceId
        + "\",\"adjustmentAmount\":\"" + amount + "\",\"currencyCode\":\"USD\",\"adjustmentReasonCode\":"
        + "\"BUYER_DISSATISFACTION\",\"clientToken\":\"" + token + "\"}]}";
  }

  @Test
  void anAmendmentIsInvoicedOnlyForWhatItAddsAndACancelledAgreementNoMore() {
    MoneyMarket.Deal deal = market.deal(Map.of("method", "INVOICE", "netDays", 30, "payment", "ON_DUE_DATE"));
    String first = market.acceptUpfront(deal, "600.00");
    String ref = "$Replacement.Entity.Identifier";
    var replacement = SandboxFixture.run(deal.catalog(),
        SandboxFixture.change("CreateReplacementOffer", "Offer@1.0", null, "Replacement", "{\"AgreementId\":\"" + first
            + "\",\"Name\":\"Expansion\"}"),
        SandboxFixture.change("UpdatePricingTerms", "Offer@1.0", ref, "{\"PricingModel\":\"Contract\",\"Terms\":["
            + MoneyMarket.upfront("900.00") + "]}"),
        SandboxFixture.change("UpdateValidityTerms", "Offer@1.0", ref, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementEndDate\":\""
            + market.inDays(400) + "\"}]}"),
        SandboxFixture.change("UpdateLegalTerms", "Offer@1.0", ref, "{\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[{\"Type\":"
            + "\"StandardEula\",\"Version\":\"2022-07-14\"}]}]}"),
        SandboxFixture.change("UpdateAvailability", "Offer@1.0", ref, "{\"AvailabilityEndDate\":\"" + market.inDays(20) + "\"}"),
        SandboxFixture.change("ReleaseOffer", "Offer@1.0", ref, "{}"));
    assertThat(replacement.status().toString()).as("%s", replacement.changeSet()).isEqualTo("SUCCEEDED");
    String amended = market.accept(replacement.changeSet().get(0).entity().identifier(), deal.buyer());
    List<Map<String, Object>> rows = market.rows(deal.seller().accountId());
    assertAmounts(only(rows, "INVOICED", "SELLER_REV_SHARE"), "600", "300");
    assertThat(only(rows, "INVOICED", "SELLER_REV_SHARE").get(1)).containsEntry("agreement_id", amended);

    MoneyMarket.Deal cancelled = market.deal(Map.of("method", "INVOICE", "payment", "ON_DUE_DATE"));
    String agreementId = market.accept(market.privateOffer(cancelled.catalog(), cancelled.productId(), cancelled.buyer(),
        MoneyMarket.upfront("0.0"), "{\"Type\":\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\",\"Schedule\":[{\"ChargeDate\":\""
            + market.inDays(0) + "\",\"ChargeAmount\":\"200.00\"},{\"ChargeDate\":\"" + market.inDays(20)
            + "\",\"ChargeAmount\":\"170.00\"}]}"), cancelled.buyer());
    market.send("POST", "/sandbox/agreements/" + agreementId + "/cancel", null, 200);
    market.advance("P21D");
    assertAmounts(only(market.rows(cancelled.seller().accountId()), "INVOICED", "SELLER_REV_SHARE"), "200");
  }

  @Test
  void theListingFeeFollowsTheTotalContractValueTiers() {
    String[][] tiers = {{"999999.99", "-30000"}, {"1000000.00", "-20000"}, {"10000000.00", "-150000"}};
    for (String[] tier : tiers) {
      MoneyMarket.Deal deal = market.deal(PAYS_AT_ONCE);
      market.acceptUpfront(deal, tier[0]);
      assertAmounts(only(market.rows(deal.seller().accountId()), "INVOICED", "AWS_REV_SHARE"), tier[1]);
    }
  }
}
