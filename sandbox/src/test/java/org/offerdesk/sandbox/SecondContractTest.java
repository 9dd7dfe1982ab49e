package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.offerdesk.sandbox.SandboxFixture.SELLER_KEY;
import static org.offerdesk.sandbox.SandboxFixture.SELLER_SECRET;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.inDays;
import static org.offerdesk.sandbox.SandboxFixture.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacemetering.MarketplaceMeteringClient;
import software.amazon.awssdk.services.marketplacemetering.model.ResolveCustomerResponse;

/**
 * A buyer with a contract from a private offer cannot accept a second private offer for the same product
 * while the contract runs (AWS's buyer guide), but can accept one that starts when the contract ends; the
 * two tokens then resolve to the same customer and product, told apart only by {@code LicenseArn}.
 */
class SecondContractTest {

  private final MarketplaceCatalogClient seller = SandboxFixture.seller();
  private final MarketplaceAgreementClient agreements =
      Marketplace.agreements(SandboxFixture.server().endpoint(), SELLER_KEY, SELLER_SECRET);

  @Test
  void aSecondContractForTheSameProductIsRefusedUnlessItStartsWhenTheFirstEnds() {
    PurchaseTest.Deal deal = PurchaseTest.publishedPrivateOffer(seller);
    Marketplace.Purchase first = Marketplace.accept(deal.offerId(), deal.buyer());

    String overlapping = offer(deal, PrivateOfferTest.fullPrivateOffer(deal.productId(), deal.buyer()));
    JsonNode refused = SandboxFixture.send("POST", "/sandbox/offers/" + overlapping + "/accept",
        Map.of("buyerAccountId", deal.buyer()), 409);
    assertThat(refused.path("code").asText()).isEqualTo("ACTIVE_AGREEMENT_EXISTS");
    assertThat(refused.path("error").asText()).contains(first.agreementId());
    assertThat(agreementsOf(deal)).extracting(AgreementViewSummary::agreementId).containsExactly(first.agreementId());

    // A future dated offer that starts after the first contract's 12 months: both agreements are active.
    String renewal = offer(deal, PrivateOfferTest.fullPrivateOffer(deal.productId(), deal.buyer()).stream()
        .map(c -> c.changeType().equals("UpdateValidityTerms") ? change("UpdateValidityTerms", PrivateOfferTest.OFFER,
            PrivateOfferTest.REF, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementStartDate\":\"" + inDays(400)
                + "\",\"AgreementDuration\":\"P12M\"}]}") : c)
        .toList());
    Marketplace.Purchase second = Marketplace.accept(renewal, deal.buyer());
    assertThat(agreementsOf(deal)).extracting(a -> a.status().toString()).containsOnly("ACTIVE").hasSize(2);

    // Both tokens name the same customer and product; only the license tells the agreements apart.
    Resolved one = resolve(first.token());
    Resolved two = resolve(second.token());
    assertThat(two.response().customerAWSAccountId()).isEqualTo(one.response().customerAWSAccountId())
        .isEqualTo(deal.buyer());
    assertThat(two.response().productCode()).isEqualTo(one.response().productCode());
    assertThat(one.licenseArn()).isEqualTo("arn:aws:license-manager::" + deal.buyer() + ":license:l-"
        + first.agreementId().substring("agmt-".length()));
    assertThat(two.licenseArn()).isEqualTo("arn:aws:license-manager::" + deal.buyer() + ":license:l-"
        + second.agreementId().substring("agmt-".length()));
  }

  private String offer(PurchaseTest.Deal deal, List<Change> changes) {
    DescribeChangeSetResponse done = run(seller, changes.toArray(Change[]::new));
    assertThat(done.status()).as("%s", done.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    return done.changeSet().get(0).entity().identifier();
  }

  private List<AgreementViewSummary> agreementsOf(PurchaseTest.Deal deal) {
    return agreements.searchAgreements(r -> r.catalog("AWSMarketplace").filters(
        f -> f.name("PartyType").values("Proposer"), f -> f.name("AgreementType").values("PurchaseAgreement"),
        f -> f.name("AcceptorAccountId").values(deal.buyer()))).agreementViewSummaries();
  }

  record Resolved(ResolveCustomerResponse response, String licenseArn) {}

  /** ResolveCustomer through SDK 2.40.2, whose model lacks LicenseArn: read it from the raw answer. */
  private Resolved resolve(String token) {
    AtomicReference<String> body = new AtomicReference<>();
    ExecutionInterceptor capture = new ExecutionInterceptor() {
      @Override
      public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
          ExecutionAttributes attributes) {
        try {
          byte[] bytes = context.responseBody().orElseThrow().readAllBytes();
          body.set(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
          return Optional.of(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    try (MarketplaceMeteringClient metering = MarketplaceMeteringClient.builder()
        .endpointOverride(SandboxFixture.server().endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(SELLER_KEY, SELLER_SECRET)))
        .overrideConfiguration(o -> o.addExecutionInterceptor(capture)).build()) {
      ResolveCustomerResponse response = metering.resolveCustomer(r -> r.registrationToken(token));
      return new Resolved(response, Marketplace.JSON.readTree(body.get()).path("LicenseArn").asText(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
