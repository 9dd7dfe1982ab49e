package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offerdesk.sandbox.accounts.DemoAccounts;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The money side end to end, as a seller sees it: offers published through the Catalog SDK and accepted,
 * the sandbox clock moved, and then the seller's (and reseller's) {@code billingeventfeed_v1} read from
 * its bucket with the SDK's S3Client and parsed as RFC 4180 CSV, its account columns resolved through
 * {@code accountfeed_v1}; the Agreement API's newer operations as raw signed calls; events read with the
 * SQS client. Nothing here reads the sandbox's database.
 */
class MoneyEndToEndTest {

  static MoneyMarket market;

  @BeforeAll
  static void start() {
    market = new MoneyMarket("sandbox_money_e2e");
  }

  @AfterAll
  static void stop() {
    market.close();
  }

  private static final Map<String, Object> NET_30 = Map.of("method", "INVOICE", "netDays", 30, "payment", "ON_DUE_DATE");
  private static final Map<String, Object> PAYS_AT_ONCE = Map.of("method", "INVOICE", "netDays", 30, "payment", "IMMEDIATELY");

  @Test
  void aDirectContractWithTwoInstallmentsIsInvoicedCollectedAndPaidOutInTheSellersFeed() {
    MoneyMarket.Deal deal = market.deal(NET_30);
    String seller = deal.seller().accountId();
    LocalDate today = today();
    String offerId = market.privateOffer(deal.catalog(), deal.productId(), deal.buyer(), MoneyMarket.upfront("0.0"),
        schedule(today, "200.00", today.plusDays(40), "170.00"));
    Instant accepted = market.now().truncatedTo(ChronoUnit.SECONDS);
    String agreementId = market.accept(offerId, deal.buyer());
    try (var agreements = Marketplace.agreements(market.endpoint(), deal.seller().accessKeyId(), deal.seller().secretAccessKey())) {
      assertThat(agreements.describeAgreement(r -> r.agreementId(agreementId)).statusAsString()).isEqualTo("ACTIVE");
    }
    S3Client s3 = s3(deal.seller());

    // the acceptance day's rows arrive at the next 00:00 UTC: the first installment and its 3% fee
    pastMidnight();
    List<CSVRecord> rows = billing(s3, seller);
    assertThat(rows).extracting(r -> r.get("action") + " " + r.get("transaction_type") + " " + amount(r))
        .containsExactlyInAnyOrder("INVOICED SELLER_REV_SHARE 200", "INVOICED AWS_REV_SHARE -6");
    CSVRecord first = one(rows, "INVOICED", "SELLER_REV_SHARE");
    CSVRecord fee = one(rows, "INVOICED", "AWS_REV_SHARE");
    Instant issued = Instant.parse(first.get("invoice_date"));
    assertThat(issued).isBetween(accepted, accepted.plusSeconds(60));
    Instant due = issued.plus(Duration.ofDays(30));
    assertThat(Instant.parse(first.get("payment_due_date"))).isEqualTo(due);
    assertThat(first.get("agreement_id")).isEqualTo(agreementId);
    assertThat(first.get("offer_id")).isEqualTo(offerId);
    assertThat(first.get("invoice_variant")).isEqualTo("PURCHASE");
    assertThat(first.get("balance_impacting")).isEqualTo("1");
    assertThat(first.get("billing_event_id")).hasSize(40);
    assertThat(fee.get("invoice_id")).isEqualTo(first.get("invoice_id"));
    assertThat(fee.get("charge_variant")).isEqualTo("LISTING_FEE");
    Map<String, String> accounts = accounts(s3, seller);
    assertThat(accounts.get(first.get("from_account_id"))).isEqualTo(deal.buyer());
    assertThat(accounts.get(first.get("end_user_account_id"))).isEqualTo(deal.buyer());
    assertThat(accounts.get(first.get("to_account_id"))).isEqualTo(seller);
    assertThat(accounts.get(fee.get("from_account_id"))).isEqualTo(seller);

    // collected on the due date; paid out (daily) at the next 00:00 UTC, delivered the day after
    advanceTo(due.plusSeconds(1));
    pastMidnight();
    pastMidnight();
    rows = billing(s3, seller);
    CSVRecord collected = one(rows, "COLLECTED", "SELLER_REV_SHARE");
    assertThat(Instant.parse(collected.get("action_date"))).isEqualTo(due);
    assertThat(collected.get("invoice_id")).isEqualTo(first.get("invoice_id"));
    CSVRecord payout = one(rows, "DISBURSED", "DISBURSEMENT");
    assertThat(amount(payout)).isEqualTo("194");
    assertThat(Instant.parse(payout.get("action_date"))).isEqualTo(startOf(LocalDate.ofInstant(due, ZoneOffset.UTC).plusDays(1)));
    assertThat(payout.get("bank_trace_id")).isNotEmpty();
    assertThat(payout.get("disbursement_reference_number")).isNotEmpty();
    assertThat(payout.get("invoice_date")).as("a payout's invoice_date is the payout date").isEqualTo(payout.get("action_date"));
    assertThat(payout.get("payment_due_date")).as("only INVOICED rows have a due date").isEmpty();
    assertThat(collected.get("payment_due_date")).as("only INVOICED rows have a due date").isEmpty();
    assertThat(accounts(s3, seller).get(payout.get("to_account_id"))).isEqualTo(seller);
    List<CSVRecord> mirrors = rows.stream().filter(r -> "DISBURSED".equals(r.get("action"))
        && !"DISBURSEMENT".equals(r.get("transaction_type"))).toList();
    assertThat(mirrors).extracting(r -> r.get("transaction_type") + " " + amount(r) + " " + r.get("invoice_id") + " "
        + r.get("disbursement_billing_event_id")).containsExactlyInAnyOrder(
            "SELLER_REV_SHARE -200 " + first.get("invoice_id") + " " + payout.get("billing_event_id"),
            "AWS_REV_SHARE 6 " + first.get("invoice_id") + " " + payout.get("billing_event_id"));
    assertThat(mirrors).extracting(r -> r.get("parent_billing_event_id"))
        .containsExactlyInAnyOrder(first.get("billing_event_id"), fee.get("billing_event_id"));
    assertThat(mirrors).allSatisfy(m -> {
      assertThat(m.get("balance_impacting")).as("every DISBURSED row has balance_impacting 0").isEqualTo("0");
      assertThat(m.get("payment_due_date")).as("only INVOICED rows have a due date").isEmpty();
    });

    // the second installment on its charge date at 00:00 UTC, with its own 3% fee
    advanceTo(startOf(today.plusDays(41)).plusSeconds(60));
    rows = billing(s3, seller);
    assertThat(only(rows, "INVOICED", "SELLER_REV_SHARE")).extracting(MoneyEndToEndTest::amount).containsExactly("200", "170");
    assertThat(only(rows, "INVOICED", "AWS_REV_SHARE")).extracting(MoneyEndToEndTest::amount).containsExactly("-6", "-5.1");
    CSVRecord second = only(rows, "INVOICED", "SELLER_REV_SHARE").get(1);
    assertThat(Instant.parse(second.get("invoice_date"))).isEqualTo(startOf(today.plusDays(40)));
    assertThat(second.get("invoice_id")).isNotEqualTo(first.get("invoice_id"));
  }

  @Test
  void aMonthlySellerIsPaidOnTheDayItChoseInItsFeed() {
    MoneyMarket.Deal deal = market.deal(PAYS_AT_ONCE);
    String seller = deal.seller().accountId();
    LocalDate payday = market.paidMonthlyOn(deal, 9, "1000.00");

    advanceTo(startOf(payday).minusSeconds(60));
    S3Client s3 = s3(deal.seller());
    assertThat(only(billing(s3, seller), "DISBURSED", "DISBURSEMENT")).as("nothing paid before the chosen day").isEmpty();
    advanceTo(startOf(payday.plusDays(1)).plusSeconds(60));
    CSVRecord payout = one(billing(s3, seller), "DISBURSED", "DISBURSEMENT");
    assertThat(amount(payout)).isEqualTo("970");
    assertThat(Instant.parse(payout.get("action_date"))).isEqualTo(startOf(payday));
  }

  @Test
  void usageMeteredInAMonthIsBilledOnTheSecondOfTheNext() {
    MoneyMarket.Metered metered = market.meteredSubscription(1000);
    SandboxFixture.NewAccount seller = metered.seller();
    LocalDate month = metered.month();
    LocalDate billDay = metered.billDay();
    S3Client s3 = s3(seller);

    // the 1st's rows are delivered: nothing invoiced yet
    advanceTo(startOf(billDay).plusSeconds(60));
    assertThat(only(billing(s3, seller.accountId()), "INVOICED", "SELLER_REV_SHARE")).isEmpty();
    pastMidnight();
    List<CSVRecord> rows = billing(s3, seller.accountId());
    // 12 months of one seat at list price (120.00) and 1,000 calls at 0.01; 3% on public SaaS
    CSVRecord line = one(rows, "INVOICED", "SELLER_REV_SHARE");
    assertThat(amount(line)).isEqualTo("130");
    assertThat(amount(one(rows, "INVOICED", "AWS_REV_SHARE"))).isEqualTo("-3.9");
    assertThat(Instant.parse(line.get("invoice_date"))).isEqualTo(startOf(billDay));
    assertThat(Instant.parse(line.get("usage_period_start_date"))).isEqualTo(startOf(month));
    assertThat(Instant.parse(line.get("usage_period_end_date"))).isEqualTo(startOf(month.plusMonths(1)).minusSeconds(1));
    assertThat(accounts(s3, seller.accountId()).get(line.get("from_account_id"))).isEqualTo(metered.buyer());
  }

  @Test
  void theWorkedChannelExampleToTheCentFromBothPartiesBuckets() {
    String agreementId = market.accept(ChannelBillingTest.channelOffer(market), ChannelBillingTest.BUYER);
    market.advance("P31D");
    pastMidnight();
    S3Client isvS3 = FeedSandbox.s3(market.endpoint(), SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET);
    S3Client resellerS3 = FeedSandbox.s3(market.endpoint(), SandboxFixture.RESELLER_KEY, SandboxFixture.RESELLER_SECRET);

    // the reseller, seller of record: +100 from the buyer, -80 to the ISV on the RESALE invoice, paid out 20.00
    List<CSVRecord> reseller = billing(resellerS3, DemoAccounts.RESELLER);
    Map<String, String> resellerAccounts = accounts(resellerS3, DemoAccounts.RESELLER);
    CSVRecord i0 = one(reseller, "INVOICED", "SELLER_REV_SHARE", "PURCHASE");
    CSVRecord i2 = one(reseller, "INVOICED", "SELLER_REV_SHARE", "RESALE");
    assertThat(amount(i0)).isEqualTo("100");
    assertThat(amount(i2)).isEqualTo("-80");
    assertThat(i0.get("agreement_id")).isEqualTo(agreementId);
    assertThat(resellerAccounts.get(i0.get("from_account_id"))).isEqualTo(ChannelBillingTest.BUYER);
    assertThat(resellerAccounts.get(i0.get("to_account_id"))).isEqualTo(DemoAccounts.RESELLER);
    assertThat(resellerAccounts.get(i2.get("from_account_id"))).isEqualTo(DemoAccounts.RESELLER);
    assertThat(resellerAccounts.get(i2.get("to_account_id"))).isEqualTo(DemoAccounts.SELLER);
    assertThat(i2.get("charge_variant") + " " + i2.get("charge_side")).isEqualTo("RESALE BUYING");
    assertThat(i2.get("invoice_id")).isNotEqualTo(i0.get("invoice_id"));
    assertThat(only(reseller, "INVOICED", "AWS_REV_SHARE")).as("the reseller pays no listing fee").isEmpty();
    CSVRecord resellerPayout = one(reseller, "DISBURSED", "DISBURSEMENT");
    assertThat(amount(resellerPayout)).isEqualTo("20");
    assertThat(disbursed(reseller)).containsExactlyInAnyOrder(
        "SELLER_REV_SHARE -100 " + i0.get("invoice_id") + " " + resellerPayout.get("billing_event_id"),
        "SELLER_REV_SHARE 80 " + i2.get("invoice_id") + " " + resellerPayout.get("billing_event_id"));

    // the ISV: the wholesale 80 and its 3% + 0.5% fee, paid out 77.20; never the buyer's price or invoice
    List<CSVRecord> isv = billing(isvS3, DemoAccounts.SELLER);
    Map<String, String> isvAccounts = accounts(isvS3, DemoAccounts.SELLER);
    CSVRecord wholesale = one(isv, "INVOICED", "SELLER_REV_SHARE");
    assertThat(amount(wholesale)).isEqualTo("80");
    assertThat(wholesale.get("invoice_id")).isEqualTo(i2.get("invoice_id"));
    assertThat(wholesale.get("charge_variant") + " " + wholesale.get("charge_side")).isEqualTo("RESALE SELLING");
    assertThat(isvAccounts.get(wholesale.get("from_account_id"))).isEqualTo(DemoAccounts.RESELLER);
    assertThat(isvAccounts.get(wholesale.get("to_account_id"))).isEqualTo(DemoAccounts.SELLER);
    assertThat(isvAccounts.get(wholesale.get("end_user_account_id"))).isEqualTo(ChannelBillingTest.BUYER);
    CSVRecord isvFee = one(isv, "INVOICED", "AWS_REV_SHARE");
    assertThat(amount(isvFee)).isEqualTo("-2.8");
    CSVRecord isvPayout = one(isv, "DISBURSED", "DISBURSEMENT");
    assertThat(amount(isvPayout)).isEqualTo("77.2");
    assertThat(disbursed(isv)).containsExactlyInAnyOrder(
        "SELLER_REV_SHARE -80 " + i2.get("invoice_id") + " " + isvPayout.get("billing_event_id"),
        "AWS_REV_SHARE 2.8 " + i2.get("invoice_id") + " " + isvPayout.get("billing_event_id"));
    assertThat(isv).noneMatch(r -> r.toList().contains(i0.get("invoice_id")) || r.toList().contains(i0.get("billing_event_id"))
        || "PURCHASE".equals(r.get("invoice_variant")) || new BigDecimal(r.get("amount")).abs().compareTo(new BigDecimal("100")) == 0);
    assertThat(isv).noneMatch(r -> r.get("billing_event_id").equals(i0.get("billing_event_id")));
    assertThat(reseller).noneMatch(r -> r.get("billing_event_id").equals(wholesale.get("billing_event_id")));

    // the reseller refunds a quarter: each side's refund rows in its own feed the next day, the ISV's in proportion
    MoneyMarket.Answer refund = market.agreementApi(ChannelBillingTest.demo(DemoAccounts.RESELLER, SandboxFixture.RESELLER_KEY,
        SandboxFixture.RESELLER_SECRET), "BatchCreateBillingAdjustmentRequest",
        DirectBillingTest.entry(agreementId, i0.get("invoice_id"), "25.00", "e2e-channel-quarter"));
    assertThat(refund.body().path("errors")).as("%s", refund.body()).isEmpty();
    market.advance("PT1M");
    pastMidnight();
    reseller = billing(resellerS3, DemoAccounts.RESELLER);
    isv = billing(isvS3, DemoAccounts.SELLER);
    CSVRecord buyerRefund = one(reseller, "INVOICED", "SELLER_REV_SHARE_REFUND", "PURCHASE");
    assertThat(amount(buyerRefund)).isEqualTo("-25");
    assertThat(amount(one(reseller, "INVOICED", "SELLER_REV_SHARE_REFUND", "RESALE"))).isEqualTo("20");
    assertThat(only(reseller, "INVOICED", "AWS_REV_SHARE_REFUND")).isEmpty();
    assertThat(amount(one(isv, "INVOICED", "SELLER_REV_SHARE_REFUND"))).isEqualTo("-20");
    assertThat(amount(one(isv, "INVOICED", "AWS_REV_SHARE_REFUND"))).isEqualTo("0.7");
    assertThat(isv).noneMatch(r -> r.toList().contains(buyerRefund.get("invoice_id"))
        || r.toList().contains(buyerRefund.get("billing_event_id")) || "PURCHASE".equals(r.get("invoice_variant")));

    // each party's keys read only its own bucket
    assertThatThrownBy(() -> resellerS3.listObjectsV2(r -> r.bucket(FeedSandbox.bucket(DemoAccounts.SELLER))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> FeedSandbox.s3(market.endpoint(), SandboxFixture.SELLER_KEY, "not-the-secret")
        .listObjectsV2(r -> r.bucket(FeedSandbox.bucket(DemoAccounts.SELLER))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));

    // every feed of both buckets is strict RFC 4180 CSV with AWS's header
    for (String feed : FeedDeliveryTest.HEADERS.keySet()) {
      assertThat(FeedDeliveryTest.rows(isvS3, FeedSandbox.bucket(DemoAccounts.SELLER), feed)).as(feed).isNotNull();
      assertThat(FeedDeliveryTest.rows(resellerS3, FeedSandbox.bucket(DemoAccounts.RESELLER), feed)).as(feed).isNotNull();
    }
  }

  @Test
  void aRefundThroughTheAgreementApiIsInTheNextDaysFeedAndOnTheQueue() {
    MoneyMarket.Deal deal = market.deal(PAYS_AT_ONCE);
    String seller = deal.seller().accountId();
    String agreementId = market.acceptUpfront(deal, "1000.00");
    S3Client s3 = s3(deal.seller());
    pastMidnight();
    List<CSVRecord> rows = billing(s3, seller);
    CSVRecord invoiced = one(rows, "INVOICED", "SELLER_REV_SHARE");
    String invoiceId = invoiced.get("invoice_id");
    JsonNode lines = market.agreementApi(deal.seller(), "ListAgreementInvoiceLineItems",
        "{\"agreementId\":\"" + agreementId + "\",\"groupBy\":\"INVOICE_ID\"}").body();
    assertThat(lines.path("agreementInvoiceLineItemGroupSummaries").get(0).path("invoiceId").asText()).isEqualTo(invoiceId);

    MoneyMarket.Answer tooMuch = market.agreementApi(deal.seller(), "BatchCreateBillingAdjustmentRequest",
        DirectBillingTest.entry(agreementId, invoiceId, "1000.01", "e2e-too-much"));
    assertThat(tooMuch.body().path("items")).isEmpty();
    assertThat(tooMuch.body().path("errors").get(0).path("code").asText()).isEqualTo("VALIDATION_EXCEPTION");
    MoneyMarket.Answer made = market.agreementApi(deal.seller(), "BatchCreateBillingAdjustmentRequest",
        DirectBillingTest.entry(agreementId, invoiceId, "100.00", "e2e-refund"));
    assertThat(made.status()).isEqualTo(200);
    assertThat(made.body().path("errors")).as("%s", made.body()).isEmpty();
    String adjustmentId = made.body().path("items").get(0).path("billingAdjustmentRequestId").asText();
    market.advance("PT1M");
    assertThat(market.agreementApi(deal.seller(), "GetBillingAdjustmentRequest", "{\"agreementId\":\"" + agreementId
        + "\",\"billingAdjustmentRequestId\":\"" + adjustmentId + "\"}").body().path("status").asText()).isEqualTo("COMPLETED");
    try (var sqs = Marketplace.sqs(market.endpoint(), deal.seller().accessKeyId(), deal.seller().secretAccessKey())) {
      JsonNode event = new Marketplace.Inbox(sqs).awaitEvent("Purchase Agreement Billing Adjustment Completed - Proposer",
          Marketplace.forAgreement(agreementId));
      assertThat(event.path("source").asText()).isEqualTo("aws.agreement-marketplace");
      assertThat(event.path("detail").path("billingAdjustmentRequest").path("id").asText()).isEqualTo(adjustmentId);
      assertThat(event.path("detail").path("billingAdjustmentRequest").path("adjustmentAmount").asText()).isEqualTo("-100.00");
    }
    assertThat(billing(s3, seller)).noneMatch(r -> r.get("transaction_type").endsWith("_REFUND"));

    pastMidnight();
    rows = billing(s3, seller);
    CSVRecord refund = one(rows, "INVOICED", "SELLER_REV_SHARE_REFUND");
    CSVRecord feeBack = one(rows, "INVOICED", "AWS_REV_SHARE_REFUND");
    assertThat(amount(refund)).isEqualTo("-100");
    assertThat(amount(feeBack)).isEqualTo("3");
    assertThat(refund.get("agreement_id")).isEqualTo(agreementId);
    assertThat(feeBack.get("invoice_id")).isEqualTo(refund.get("invoice_id"));
    assertThat(refund.get("balance_impacting")).isEqualTo("1");
    assertThat(accounts(s3, seller).get(refund.get("from_account_id"))).isEqualTo(seller);
    assertThat(accounts(s3, seller).get(refund.get("to_account_id"))).isEqualTo(deal.buyer());
  }

  @Test
  void aLateAndADuplicatedFeedDayAreSeenInTheFile() {
    MoneyMarket.Deal deal = market.deal(PAYS_AT_ONCE);
    String seller = deal.seller().accountId();
    S3Client s3 = s3(deal.seller());
    pastMidnight();
    market.acceptUpfront(deal, "100.00");

    market.send("POST", "/sandbox/faults", Map.of("lateFeedDeliveries", 1), 200);
    try {
      pastMidnight();
    } finally {
      market.send("DELETE", "/sandbox/faults", null, 200);
    }
    assertThat(billing(s3, seller)).as("the day is held back").isEmpty();
    pastMidnight();
    assertThat(billing(s3, seller)).extracting(r -> r.get("action") + " " + r.get("transaction_type") + " " + amount(r))
        .contains("INVOICED SELLER_REV_SHARE 100", "INVOICED AWS_REV_SHARE -3", "DISBURSED DISBURSEMENT 97");

    // a second product: the buyer's agreement for the first one is still active
    market.accept(market.privateOffer(deal.catalog(), market.addProduct(seller, "Limited"), deal.buyer(),
        MoneyMarket.upfront("50.00"), null), deal.buyer());
    market.send("POST", "/sandbox/faults", Map.of("duplicateFeedDeliveries", 1), 200);
    try {
      pastMidnight();
    } finally {
      market.send("DELETE", "/sandbox/faults", null, 200);
    }
    List<CSVRecord> twice = billing(s3, seller).stream().filter(r -> "INVOICED".equals(r.get("action"))
        && new BigDecimal(r.get("amount")).abs().compareTo(new BigDecimal("50")) == 0).toList();
    assertThat(twice).hasSize(2);
    assertThat(twice.get(0).get("billing_event_id")).isEqualTo(twice.get(1).get("billing_event_id"));
    assertThat(twice.get(0).toList()).isEqualTo(twice.get(1).toList());
    Map<String, Long> byId = billing(s3, seller).stream().collect(Collectors.groupingBy(r -> r.get("billing_event_id"),
        Collectors.counting()));
    assertThat(byId.values()).as("only that day twice").containsOnly(1L, 2L);
  }

  @Test
  void aLatePayerABadBankAccountAndAFailedPayoutAreSeenInTheFeed() {
    MoneyMarket.Deal deal = market.deal(Map.of("method", "INVOICE", "netDays", 30, "payment", "LATE", "lateDays", 5));
    String seller = deal.seller().accountId();
    market.send("PUT", "/sandbox/accounts/" + seller + "/disbursement-settings",
        Map.of("frequency", "DAILY", "bankAccountValid", false), 200);
    market.acceptUpfront(deal, "100.00");
    S3Client s3 = s3(deal.seller());
    pastMidnight();
    CSVRecord invoiced = one(billing(s3, seller), "INVOICED", "SELLER_REV_SHARE");
    Instant due = Instant.parse(invoiced.get("payment_due_date"));

    // the buyer pays five days late; the bad bank account holds the payout back, with an event
    advanceTo(due.plus(Duration.ofDays(5)).plusSeconds(1));
    pastMidnight();
    pastMidnight();
    List<CSVRecord> rows = billing(s3, seller);
    assertThat(Instant.parse(one(rows, "COLLECTED", "SELLER_REV_SHARE").get("action_date"))).isEqualTo(due.plus(Duration.ofDays(5)));
    assertThat(only(rows, "DISBURSED", "DISBURSEMENT")).isEmpty();
    try (var sqs = Marketplace.sqs(market.endpoint(), deal.seller().accessKeyId(), deal.seller().secretAccessKey())) {
      assertThat(new Marketplace.Inbox(sqs).awaitEvent("Disbursement Paused", e -> true).path("account").asText()).isEqualTo(seller);
    }

    // fixed, the next payout fails once; the run after pays the same lines
    market.send("PUT", "/sandbox/accounts/" + seller + "/disbursement-settings", Map.of("frequency", "DAILY"), 200);
    market.send("POST", "/sandbox/faults", Map.of("failNextPayouts", 1), 200);
    try {
      pastMidnight();
    } finally {
      market.send("DELETE", "/sandbox/faults", null, 200);
    }
    pastMidnight();
    pastMidnight();
    rows = billing(s3, seller);
    List<CSVRecord> payouts = only(rows, "DISBURSED", "DISBURSEMENT");
    assertThat(payouts).extracting(MoneyEndToEndTest::amount).containsExactly("97", "97");
    CSVRecord failure = one(rows, "DISBURSED", "DISBURSEMENT_FAILURE");
    assertThat(failure.get("parent_billing_event_id")).isEqualTo(payouts.get(0).get("billing_event_id"));
    assertThat(amount(failure)).isEqualTo("-97");
    assertThat(only(rows, "DISBURSED", "SELLER_REV_SHARE")).extracting(r -> r.get("disbursement_billing_event_id"))
        .containsExactly(payouts.get(0).get("billing_event_id"), payouts.get(1).get("billing_event_id"));
  }

  // --- reading the feeds -------------------------------------------------------------------------

  private static S3Client s3(SandboxFixture.NewAccount account) {
    return FeedSandbox.s3(market.endpoint(), account.accessKeyId(), account.secretAccessKey());
  }

  /** Every row of the account's billing-event feed, every month's file in key order. */
  private static List<CSVRecord> billing(S3Client s3, String accountId) {
    return FeedDeliveryTest.rows(s3, FeedSandbox.bucket(accountId), "billingeventfeed_v1");
  }

  /** The account feed's keys and the 12-digit accounts they stand for. */
  private static Map<String, String> accounts(S3Client s3, String accountId) {
    return FeedDeliveryTest.rows(s3, FeedSandbox.bucket(accountId), "accountfeed_v1").stream()
        .collect(Collectors.toMap(r -> r.get("account_id"), r -> r.get("aws_account_id"), (a, b) -> a));
  }

  private static List<CSVRecord> only(List<CSVRecord> rows, String action, String type) {
    return rows.stream().filter(r -> action.equals(r.get("action")) && type.equals(r.get("transaction_type"))).toList();
  }

  private static CSVRecord one(List<CSVRecord> rows, String action, String type) {
    List<CSVRecord> found = only(rows, action, type);
    assertThat(found).as("%s %s in %s", action, type, rows).hasSize(1);
    return found.get(0);
  }

  private static CSVRecord one(List<CSVRecord> rows, String action, String type, String invoiceVariant) {
    List<CSVRecord> found = only(rows, action, type).stream().filter(r -> invoiceVariant.equals(r.get("invoice_variant"))).toList();
    assertThat(found).as("%s %s %s in %s", action, type, invoiceVariant, rows).hasSize(1);
    return found.get(0);
  }

  /** The mirrored lines of the payouts: type, amount, invoice and the payout that paid them. */
  private static List<String> disbursed(List<CSVRecord> rows) {
    return rows.stream().filter(r -> "DISBURSED".equals(r.get("action")) && !r.get("transaction_type").startsWith("DISBURSEMENT"))
        .map(r -> r.get("transaction_type") + " " + amount(r) + " " + r.get("invoice_id") + " " + r.get("disbursement_billing_event_id"))
        .toList();
  }

  private static String amount(CSVRecord row) {
    return new BigDecimal(row.get("amount")).stripTrailingZeros().toPlainString();
  }

  // --- the sandbox clock -------------------------------------------------------------------------

  private static LocalDate today() {
    return LocalDate.ofInstant(market.now(), ZoneOffset.UTC);
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Moves the clock to the instant (when it is ahead), running everything that falls due on the way. */
  private static void advanceTo(Instant target) {
    Duration by = Duration.between(market.now(), target);
    if (!by.isNegative() && !by.isZero()) {
      market.advance(by.toString());
    }
  }

  /** One minute past the next 00:00 UTC: the day's feeds are delivered. */
  private static void pastMidnight() {
    advanceTo(startOf(today().plusDays(1)).plusSeconds(60));
  }

  private static String schedule(LocalDate firstDate, String first, LocalDate secondDate, String second) {
    return "{\"Type\":\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\",\"Schedule\":[{\"ChargeDate\":\"" + firstDate
        + "\",\"ChargeAmount\":\"" + first + "\"},{\"ChargeDate\":\"" + secondDate + "\",\"ChargeAmount\":\"" + second + "\"}]}";
  }
}
