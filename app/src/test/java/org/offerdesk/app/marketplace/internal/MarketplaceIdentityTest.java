package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxAccounts;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Whose marketplace account a connection is, as the marketplace itself says (STS GetCallerIdentity through
 * the real AWS SDK against the embedded sandbox): one account, one organization, whatever the endpoint is
 * called; a role is assumed with the connection's own keys and an external ID, never the host's credentials.
 */
@SandboxTest
class MarketplaceIdentityTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  SandboxAccounts accounts;
  Http admin;

  @BeforeEach
  void setUp() {
    accounts = new SandboxAccounts(sandbox.endpoint().toString());
    admin = new Http(port).bearer(new TestTenants(context).seller("Identity Co").adminToken());
  }

  StsClient sts(String accessKey, String secret) {
    return StsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret))).build();
  }

  @Test
  void the_sandbox_answers_sts_as_the_sdk_expects() {
    SandboxAccounts.Account seller = accounts.seller("STS Seller");
    SandboxAccounts.Account target = accounts.seller("STS Target");
    try (StsClient own = sts(seller.accessKeyId(), seller.secretAccessKey())) {
      GetCallerIdentityResponse who = own.getCallerIdentity();
      assertThat(who.account()).isEqualTo(seller.accountId());
      assertThat(who.arn()).isEqualTo("arn:aws:iam::" + seller.accountId() + ":root");

      String role = "arn:aws:iam::" + target.accountId() + ":role/OfferDesk";
      assertThatThrownBy(() -> own.assumeRole(r -> r.roleArn(role).roleSessionName("no-external-id")))
          .isInstanceOfSatisfying(StsException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
      assertThatThrownBy(() -> own.assumeRole(r -> r.roleArn("arn:aws:iam::999999999990:role/Nobody")
          .roleSessionName("s1").externalId("ext-123")))
          .isInstanceOfSatisfying(StsException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

      AssumeRoleResponse assumed = own.assumeRole(r -> r.roleArn(role).roleSessionName("test-session")
          .externalId("ext-123"));
      assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
      assertThat(assumed.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + target.accountId() + ":assumed-role/OfferDesk/test-session");
      try (StsClient asRole = StsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
              assumed.credentials().accessKeyId(), assumed.credentials().secretAccessKey(),
              assumed.credentials().sessionToken())))
          .build()) {
        assertThat(asRole.getCallerIdentity().account()).isEqualTo(target.accountId());
      }
      // Without its session token, a temporary key signs nothing.
      try (StsClient tokenless = sts(assumed.credentials().accessKeyId(), assumed.credentials().secretAccessKey())) {
        assertThatThrownBy(tokenless::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
      }
    }
    try (StsClient wrong = sts(seller.accessKeyId(), "not-the-secret")) {
      assertThatThrownBy(wrong::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
          e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
    }
  }

  @Test
  void a_connection_test_reports_the_identity_it_used_and_the_account_becomes_the_organizations() {
    SandboxAccounts.Account seller = accounts.seller("Identity Seller");
    Http.Response saved = connect(admin, seller, seller.accountId(), sandbox.endpoint());
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().at("/verifiedAccountId").asText()).isEqualTo(seller.accountId());

    Http.Response test = admin.postJson("/api/v1/marketplace/connection/test", Map.of());
    assertThat(test.json().at("/ok").asBoolean()).as(test.body()).isTrue();
    assertThat(test.json().at("/account").asText()).isEqualTo(seller.accountId());
    assertThat(test.json().at("/arn").asText()).isEqualTo("arn:aws:iam::" + seller.accountId() + ":root");
    assertThat(test.json().at("/message").asText()).contains("as arn:aws:iam::" + seller.accountId() + ":root");

    // Another organization with the same keys, through the other spelling of the same sandbox: refused.
    Http other = new Http(port).bearer(new TestTenants(context).seller("Identity Rival Co").adminToken());
    URI otherSpelling = URI.create(sandbox.endpoint().toString().contains("127.0.0.1")
        ? sandbox.endpoint().toString().replace("127.0.0.1", "localhost")
        : sandbox.endpoint().toString().replace("localhost", "127.0.0.1"));
    Http.Response taken = connect(other, seller, seller.accountId(), otherSpelling);
    assertThat(taken.status()).as(taken.body()).isEqualTo(409);
    assertThat(taken.json().at("/detail").asText()).contains(seller.accountId())
        .contains("already connected to another organization");
    assertThat(other.get("/api/v1/marketplace/connection").status()).isEqualTo(404);

    // Keys of one account presented as another: refused naming the field.
    SandboxAccounts.Account second = accounts.seller("Identity Second");
    Http.Response mislabelled = connect(other, second, seller.accountId(), sandbox.endpoint());
    assertThat(mislabelled.status()).as(mislabelled.body()).isEqualTo(400);
    assertThat(mislabelled.json().at("/errors/0/field").asText()).isEqualTo("awsAccountId");
    assertThat(mislabelled.json().at("/errors/0/message").asText()).contains(second.accountId());
  }

  @Test
  void an_unverified_claim_on_an_owned_account_cannot_use_it() {
    SandboxAccounts.Account seller = accounts.seller("Claimed Seller");
    assertThat(connect(admin, seller, seller.accountId(), sandbox.endpoint()).status()).isEqualTo(200);
    // Wrong secret: the marketplace cannot say who this is, so the save is kept unverified...
    Http other = new Http(port).bearer(new TestTenants(context).seller("Claimant Co").adminToken());
    Http.Response claim = other.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", seller.accountId(),
        "credentials", Map.of("accessKeyId", seller.accessKeyId(), "secretAccessKey", "not-the-secret"),
        "endpointOverride", sandbox.endpoint().toString()));
    assertThat(claim.status()).as(claim.body()).isEqualTo(200);
    assertThat(claim.json().path("verifiedAccountId").isMissingNode() || claim.json().path("verifiedAccountId")
        .isNull()).isTrue();
    // ...and nothing reads the account through it.
    Http.Response sync = other.postJson("/api/v1/listings/sync", Map.of());
    assertThat(sync.status()).as(sync.body()).isNotEqualTo(200);
    Http.Response test = other.postJson("/api/v1/marketplace/connection/test", Map.of());
    assertThat(test.json().at("/problem").asText()).isEqualTo("BAD_CREDENTIALS");
  }

  @Test
  void a_role_connection_needs_a_role_and_an_external_id_and_acts_as_the_role() {
    SandboxAccounts.Account keys = accounts.seller("Role Keys");
    SandboxAccounts.Account target = accounts.seller("Role Target");
    accounts.product(target, "Role Target Platform", "Limited");
    String role = "arn:aws:iam::" + target.accountId() + ":role/OfferDeskAccess";

    Http.Response noExternalId = admin.putJson("/api/v1/marketplace/connection", Map.of(
        "awsAccountId", target.accountId(), "endpointOverride", sandbox.endpoint().toString(),
        "credentials", Map.of("type", "ASSUME_ROLE", "accessKeyId", keys.accessKeyId(),
            "secretAccessKey", keys.secretAccessKey(), "roleArn", role)));
    assertThat(noExternalId.status()).as(noExternalId.body()).isEqualTo(400);
    assertThat(noExternalId.json().at("/errors/0/field").asText()).isEqualTo("externalId");
    // No keys: the host's own credentials are never the source.
    Http.Response noKeys = admin.putJson("/api/v1/marketplace/connection", Map.of(
        "awsAccountId", target.accountId(), "endpointOverride", sandbox.endpoint().toString(),
        "credentials", Map.of("type", "ASSUME_ROLE", "roleArn", role, "externalId", "offerdesk-ext-1")));
    assertThat(noKeys.status()).isEqualTo(400);
    assertThat(noKeys.json().at("/errors").toString()).contains("accessKeyId").contains("secretAccessKey");

    Http.Response saved = admin.putJson("/api/v1/marketplace/connection", Map.of(
        "awsAccountId", target.accountId(), "endpointOverride", sandbox.endpoint().toString(),
        "credentials", Map.of("type", "ASSUME_ROLE", "accessKeyId", keys.accessKeyId(),
            "secretAccessKey", keys.secretAccessKey(), "roleArn", role, "externalId", "offerdesk-ext-1")));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().at("/verifiedAccountId").asText()).isEqualTo(target.accountId());
    assertThat(saved.json().at("/verifiedArn").asText())
        .startsWith("arn:aws:sts::" + target.accountId() + ":assumed-role/OfferDeskAccess/offerdesk-");

    Http.Response test = admin.postJson("/api/v1/marketplace/connection/test", Map.of());
    assertThat(test.json().at("/ok").asBoolean()).as(test.body()).isTrue();
    assertThat(test.json().at("/arn").asText()).contains(":assumed-role/OfferDeskAccess/");
    assertThat(test.json().at("/message").asText()).contains("1 SaaS product");

    // The marketplace calls sign with the role's temporary credentials: the target's product is synced.
    Http.Response sync = admin.postJson("/api/v1/listings/sync", Map.of());
    assertThat(sync.status()).as(sync.body()).isEqualTo(200);
    assertThat(admin.get("/api/v1/listings").body()).contains("Role Target Platform");
  }

  @Test
  void an_endpoint_override_at_a_link_local_address_is_refused_with_a_422() {
    SandboxAccounts.Account seller = accounts.seller("Metadata Seller");
    Http.Response refused = connect(admin, seller, seller.accountId(), URI.create("http://169.254.169.254/"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().at("/type").asText()).endsWith("/problems/address-refused");
    assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("endpointOverride");
  }

  static Http.Response connect(Http as, SandboxAccounts.Account keys, String accountId, URI endpoint) {
    return as.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", accountId,
        "credentials", Map.of("accessKeyId", keys.accessKeyId(), "secretAccessKey", keys.secretAccessKey()),
        "endpointOverride", endpoint.toString()));
  }
}
