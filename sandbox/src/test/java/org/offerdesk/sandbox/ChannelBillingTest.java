package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.offerdesk.sandbox.MoneyMarket.amount;
import static org.offerdesk.sandbox.MoneyMarket.assertAmounts;
import static org.offerdesk.sandbox.MoneyMarket.only;
import static org.offerdesk.sandbox.SandboxFixture.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * The CPPO worked example of AWS's billing-event documentation, at today's fee rules: the buyer pays the
 * reseller $100, the reseller owes the ISV the $80 wholesale price. The 2018 example charged the reseller
 * 1% of its $20 markup (payout $19.80) and the ISV 10% (payout $72.65 of $73.50 + $6.50 tax); today the
 * reseller pays no fee (payout $20.00) and the ISV 3% + 0.5% of the wholesale price ($2.80, payout $77.20).
 * The sandbox does not model tax, so the example's $20.60 AWS tax share and $6.50 seller tax share are absent.
 */
class ChannelBillingTest {

  static final String ISV = "111122223333";
  static final String RESELLER = "444455556666";
  static final String BUYER = "777788889999";
  static MoneyMarket market;

  @BeforeAll
  static void start() {
    market = new MoneyMarket("sandbox_channel_billing");
  }

  @AfterAll
  static void stop() {
    market.close();
  }

  static SandboxFixture.NewAccount demo(String accountId, String key, String secret) {
    return new SandboxFixture.NewAccount(accountId, key, secret);
  }

  /** The ISV authorizes the reseller at $80 wholesale; the reseller offers it to the buyer at 25% markup. */
  static String channelOffer(MoneyMarket market) {
    SandboxFixture.NewAccount isv = demo(ISV, SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET);
    SandboxFixture.NewAccount reseller = demo(RESELLER, SandboxFixture.RESELLER_KEY, SandboxFixture.RESELLER_SECRET);
    String ra = "ResaleAuthorization@1.0";
    String raRef = "$RA.Entity.Identifier";
    try (MarketplaceCatalogClient isvCatalog = market.catalog(isv); MarketplaceCatalogClient resellerCatalog = market.catalog(reseller)) {
      DescribeChangeSetResponse authorized = SandboxFixture.run(isvCatalog,
          change("CreateResaleAuthorization", ra, null, "RA", "{\"ProductId\":\"prod-sbxpublic0001\",\"Name\":\"Acme deal\","
              + "\"Description\":\"Wholesale for the reseller\",\"ResellerAccountId\":\"" + RESELLER + "\"}"),
          change("ReleaseResaleAuthorization", ra, raRef, "{}"),
          change("UpdatePricingTerms", ra, raRef, "{\"PricingModel\":\"Contract\",\"Terms\":[{\"Type\":"
              + "\"ResaleConfigurableUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"RateCards\":[{\"Selector\":{\"Type\":\"Duration\","
              + "\"Value\":\"P12M\"},\"RateCard\":[{\"DimensionKey\":\"BasicTier\",\"Price\":\"80\"}],\"Constraints\":"
              + "{\"MultipleDimensionSelection\":\"Allowed\",\"QuantityConfiguration\":\"Allowed\"}}]}]}"),
          change("UpdateLegalTerms", ra, raRef, "{\"Terms\":[{\"Type\":\"BuyerLegalTerm\",\"Documents\":[{\"Type\":\"CustomEula\","
              + "\"Url\":\"https://example.com/eula.pdf\"}]},{\"Type\":\"ResaleLegalTerm\",\"Documents\":[{\"Type\":"
              + "\"StandardResellerContract\",\"Version\":\"2021-11-01\"}]}]}"),
          change("UpdateBuyerTargetingTerms", ra, raRef, "{\"Terms\":[{\"Type\":\"BuyerTargetingTerm\",\"PositiveTargeting\":"
              + "{\"BuyerAccounts\":[\"" + BUYER + "\"]}}]}"),
          change("UpdateAvailability", ra, raRef, "{\"AvailabilityEndDate\":\"" + market.inDays(60) + "\",\"OffersMaxQuantity\":1}"));
      assertThat(authorized.status()).as("%s", authorized.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
      String raId = authorized.changeSet().get(0).entity().identifier();
      String offer = "Offer@1.0";
      String ref = "$CreateCPPOoffer.Entity.Identifier";
      DescribeChangeSetResponse released = SandboxFixture.run(resellerCatalog,
          change("CreateOfferUsingResaleAuthorization", offer, null, "CreateCPPOoffer", "{\"ResaleAuthorizationId\":\"" + raId
              + "\",\"Name\":\"Acme via reseller\",\"Description\":\"Channel deal\"}"),
          change("UpdateMarkup", offer, ref, "{\"Percentage\":\"25\"}"),
          change("UpdateTargeting", offer, ref, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"" + BUYER + "\"]}}"),
          change("UpdateAvailability", offer, ref, "{\"AvailabilityEndDate\":\"" + market.inDays(30) + "\"}"),
          change("UpdateValidityTerms", offer, ref, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"}]}"),
          change("ReleaseOffer", offer, ref, "{}"));
      assertThat(released.status()).as("%s", released.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
      return released.changeSet().get(0).entity().identifier();
    }
  }

  @Test
  void theWorkedExampleToTheCentForBothParties() {
    String agreementId = market.accept(channelOffer(market), BUYER);

    List<Map<String, Object>> reseller = market.rows(RESELLER);
    List<Map<String, Object>> isv = market.rows(ISV);
    // at invoicing: the reseller's I0 (+100, the buyer's invoice) and I2 (-80 on another, RESALE invoice)
    List<Map<String, Object>> resellerLines = only(reseller, "INVOICED", "SELLER_REV_SHARE");
    assertAmounts(resellerLines, "-80", "100");
    Map<String, Object> i0 = resellerLines.get(1);
    Map<String, Object> i2 = resellerLines.get(0);
    assertThat(i0).containsEntry("from_aws", BUYER).containsEntry("to_aws", RESELLER).containsEntry("invoice_variant", "PURCHASE");
    assertThat(i2).containsEntry("from_aws", RESELLER).containsEntry("to_aws", ISV).containsEntry("invoice_variant", "RESALE")
        .containsEntry("charge_variant", "RESALE").containsEntry("charge_side", "BUYING")
        .containsEntry("buyer_invoice_id", i0.get("invoice_id"));
    assertThat(i2.get("invoice_id")).isNotEqualTo(i0.get("invoice_id"));
    assertThat(only(reseller, "INVOICED", "AWS_REV_SHARE")).as("the reseller pays no listing fee").isEmpty();
    // the ISV's side: the wholesale price and a 3.5% fee on it, never the buyer's price
    assertAmounts(only(isv, "INVOICED", "SELLER_REV_SHARE"), "80");
    assertAmounts(only(isv, "INVOICED", "AWS_REV_SHARE"), "-2.8");
    assertThat(only(isv, "INVOICED", "SELLER_REV_SHARE").get(0)).containsEntry("invoice_id", i2.get("invoice_id"))
        .containsEntry("charge_variant", "RESALE").containsEntry("charge_side", "SELLING").containsEntry("end_user_account_id",
            i0.get("end_user_account_id"));
    assertThat(isv).noneMatch(r -> amount(r).abs().compareTo(new java.math.BigDecimal("100")) == 0
        || i0.get("invoice_id").equals(r.get("invoice_id")) || i0.get("invoice_id").equals(r.get("buyer_invoice_id")));

    // the buyer pays on the due date (net 30); both are paid out the next day
    market.advance("P31D");
    reseller = market.rows(RESELLER);
    isv = market.rows(ISV);
    assertAmounts(only(reseller, "DISBURSED", "DISBURSEMENT"), "20");
    assertAmounts(only(isv, "DISBURSED", "DISBURSEMENT"), "77.2");
    Object resellerPayout = only(reseller, "DISBURSED", "DISBURSEMENT").get(0).get("billing_event_id");
    assertThat(only(reseller, "DISBURSED", "SELLER_REV_SHARE")).extracting(r -> amount(r).toPlainString() + " "
        + r.get("parent_billing_event_id").equals(i0.get("billing_event_id")) + " " + resellerPayout.equals(r.get("disbursement_billing_event_id")))
        .containsExactlyInAnyOrder("-100 true true", "80 false true");
    assertThat(reseller.stream().filter(r -> "DISBURSED".equals(r.get("action")) && !"DISBURSEMENT".equals(r.get("transaction_type"))))
        .hasSize(2);
    assertThat(isv.stream().filter(r -> "DISBURSED".equals(r.get("action")) && !"DISBURSEMENT".equals(r.get("transaction_type"))))
        .extracting(r -> r.get("transaction_type") + " " + amount(r).toPlainString())
        .containsExactlyInAnyOrder("SELLER_REV_SHARE -80", "AWS_REV_SHARE 2.8");

    // a refund by the reseller of a quarter: the wholesale share and its fee come back in proportion
    SandboxFixture.NewAccount resellerKeys = demo(RESELLER, SandboxFixture.RESELLER_KEY, SandboxFixture.RESELLER_SECRET);
    MoneyMarket.Answer made = market.agreementApi(resellerKeys, "BatchCreateBillingAdjustmentRequest",
        DirectBillingTest.entry(agreementId, (String) i0.get("invoice_id"), "25.00", "quarter-back"));
    assertThat(made.body().path("errors")).as("%s", made.body()).isEmpty();
    assertThat(market.agreementApi(demo(ISV, SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET),
        "BatchCreateBillingAdjustmentRequest", DirectBillingTest.entry(agreementId, (String) i0.get("invoice_id"), "1.00", "isv-try"))
        .body().path("errors").get(0).path("code").asText()).as("only the proposer adjusts").isEqualTo("RESOURCE_NOT_FOUND_EXCEPTION");
    market.advance("PT1M");
    assertAmounts(only(market.rows(RESELLER), "INVOICED", "SELLER_REV_SHARE_REFUND"), "-25", "20");
    assertAmounts(only(market.rows(ISV), "INVOICED", "SELLER_REV_SHARE_REFUND"), "-20");
    assertAmounts(only(market.rows(ISV), "INVOICED", "AWS_REV_SHARE_REFUND"), "0.7");
    try (var sqs = Marketplace.sqs(market.endpoint(), SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET)) {
      JsonNode event = new Marketplace.Inbox(sqs).awaitEvent("Purchase Agreement Billing Adjustment Completed - Manufacturer",
          Marketplace.forAgreement(agreementId));
      assertThat(event.path("detail").path("billingAdjustmentRequest").path("adjustmentAmount").asText()).isEqualTo("-25.00");
    }
    try (var sqs = Marketplace.sqs(market.endpoint(), SandboxFixture.RESELLER_KEY, SandboxFixture.RESELLER_SECRET)) {
      new Marketplace.Inbox(sqs).awaitEvent("Purchase Agreement Billing Adjustment Completed - Proposer",
          Marketplace.forAgreement(agreementId));
    }
  }
}
