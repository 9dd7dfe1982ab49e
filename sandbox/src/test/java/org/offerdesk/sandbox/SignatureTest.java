package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;

/** Every API call must carry a valid SigV4 signature of a known account's key. */
class SignatureTest {

  @Test
  void anUnknownAccessKeyIsUnrecognized() {
    MarketplaceCatalogClient stranger = SandboxFixture.client("AKIAUNKNOWNKEY000000", "whatever");
    assertThatThrownBy(() -> stranger.listEntities(r -> r.catalog(CATALOG).entityType("Offer")))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
        });
  }

  @Test
  void aWrongSecretIsAnInvalidSignature() {
    MarketplaceCatalogClient forger = SandboxFixture.client(SandboxFixture.SELLER_KEY, "not-the-secret");
    assertThatThrownBy(() -> forger.describeEntity(r -> r.catalog(CATALOG).entityId("prod-sbxpublic0001")))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
        });
  }

  @Test
  void anUnsignedRequestIsRefused() {
    HttpResponse<String> response = SandboxFixture.raw(HttpRequest.newBuilder(
        URI.create(SandboxFixture.server().endpoint() + "/DescribeEntity?catalog=AWSMarketplace&entityId=prod-sbxpublic0001")).GET().build());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
    assertThat(response.body()).contains("\"Message\"");
  }

  @Test
  void aTamperedBodyIsAnInvalidSignature() {
    HttpResponse<String> response = SandboxFixture.raw(HttpRequest.newBuilder(URI.create(SandboxFixture.server().endpoint() + "/ListEntities"))
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + SandboxFixture.SELLER_KEY + "/20260101/us-east-1/aws-marketplace/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))
        .header("X-Amz-Date", "20260101T000000Z")
        .POST(HttpRequest.BodyPublishers.ofString("{\"Catalog\":\"AWSMarketplace\",\"EntityType\":\"Offer\"}")).build());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
  }

  @Test
  void theSigningKeyDecidesTheCaller() {
    assertThat(SandboxFixture.seller().listEntities(r -> r.catalog(CATALOG).entityType("SaaSProduct")).entitySummaryList())
        .extracting(s -> s.entityId()).contains("prod-sbxlimited001", "prod-sbxpublic0001");
    assertThat(SandboxFixture.reseller().listEntities(r -> r.catalog(CATALOG).entityType("SaaSProduct")).entitySummaryList()).isEmpty();
  }
}
