package org.offerdesk.app.marketplace.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.offerdesk.app.secrets.SecretBox;
import org.offerdesk.app.marketplace.CredentialsType;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplaceentitlement.MarketplaceEntitlementClient;
import software.amazon.awssdk.services.marketplacemetering.MarketplaceMeteringClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Builds and caches each organization's SDK clients; a saved connection change rebuilds them. */
@Component
class SdkClients implements Marketplace, AutoCloseable {

  static final int MAX_ATTEMPTS = 5;

  private final Connections connections;
  private final SecretBox secrets;
  private final SdkHttpClient http = ApacheHttpClient.builder()
      .connectionTimeout(Duration.ofSeconds(5))
      .socketTimeout(Duration.ofSeconds(35))
      .maxConnections(64)
      .build();
  private final Map<UUID, ClientSet> cache = new ConcurrentHashMap<>();
  /** Clients replaced by a newer connection, closed once no call can still be using them. */
  private final java.util.Queue<Retired> retired = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private static final java.time.Duration RETIREMENT = java.time.Duration.ofMinutes(3);

  private record Retired(ClientSet clients, java.time.Instant at) {}

  SdkClients(Connections connections, SecretBox secrets) {
    this.connections = connections;
    this.secrets = secrets;
  }

  /** The clients of one version of one connection. */
  record ClientSet(int version, String endpoint, MarketplaceCatalogClient catalog,
      MarketplaceAgreementClient agreements, MarketplaceMeteringClient metering,
      MarketplaceEntitlementClient entitlements, SqsClient sqs) implements AutoCloseable {
    @Override
    public void close() {
      catalog.close();
      agreements.close();
      metering.close();
      entitlements.close();
      sqs.close();
    }
  }

  @Override
  public Optional<MarketplaceConnection> connection(UUID organizationId) {
    return connections.find(organizationId).map(Connections.Stored::connection);
  }

  @Override
  public java.util.List<UUID> connectedOrganizations() {
    return connections.organizations();
  }

  @Override
  public MarketplaceCatalogClient catalog(UUID organizationId) {
    return clients(organizationId).catalog();
  }

  @Override
  public MarketplaceAgreementClient agreements(UUID organizationId) {
    return clients(organizationId).agreements();
  }

  @Override
  public MarketplaceMeteringClient metering(UUID organizationId) {
    return clients(organizationId).metering();
  }

  @Override
  public MarketplaceEntitlementClient entitlements(UUID organizationId) {
    return clients(organizationId).entitlements();
  }

  @Override
  public SqsClient events(UUID organizationId) {
    return clients(organizationId).sqs();
  }

  private ClientSet clients(UUID organizationId) {
    Connections.Stored stored = connections.find(organizationId)
        .orElseThrow(() -> new NotConnected(organizationId));
    MarketplaceConnection c = stored.connection();
    String endpoint = String.valueOf(c.endpointOverride());
    ClientSet current = cache.get(organizationId);
    if (current != null && current.version() == c.version() && current.endpoint().equals(endpoint)) {
      return current;
    }
    ClientSet fresh = build(stored, MAX_ATTEMPTS);
    retire(cache.put(organizationId, fresh));
    return fresh;
  }

  /** Clients that try once: the connection test must tell what is wrong, not retry around it. */
  ClientSet oneShot(Connections.Stored stored) {
    return build(stored, 1);
  }

  private ClientSet build(Connections.Stored stored, int attempts) {
    MarketplaceConnection c = stored.connection();
    AwsCredentialsProvider credentials = credentials(stored);
    return new ClientSet(c.version(), String.valueOf(c.endpointOverride()),
        configure(MarketplaceCatalogClient.builder(), c, credentials, attempts).build(),
        configure(MarketplaceAgreementClient.builder(), c, credentials, attempts).build(),
        configure(MarketplaceMeteringClient.builder(), c, credentials, attempts).build(),
        configure(MarketplaceEntitlementClient.builder(), c, credentials, attempts).build(),
        configure(SqsClient.builder(), c, credentials, attempts).build());
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
      MarketplaceConnection c, AwsCredentialsProvider credentials, int attempts) {
    builder.region(Region.of(c.region()))
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(attempts).build())
            .apiCallTimeout(Duration.ofSeconds(attempts == 1 ? 20 : 120))
            .build());
    if (c.endpointOverride() != null) {
      builder.endpointOverride(c.endpointOverride());
    }
    return builder;
  }

  private AwsCredentialsProvider credentials(Connections.Stored stored) {
    MarketplaceConnection c = stored.connection();
    AwsCredentialsProvider keys = c.accessKeyId() != null && stored.sealedSecret() != null
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(),
            secrets.open(stored.sealedSecret())))
        : null;
    if (c.credentialsType() == CredentialsType.ACCESS_KEY) {
      if (keys == null) {
        throw new IllegalStateException("The marketplace connection has no access key");
      }
      return keys;
    }
    StsClient sts = StsClient.builder().region(Region.of(c.region()))
        .credentialsProvider(keys != null ? keys : DefaultCredentialsProvider.builder().build())
        .httpClient(http).build();
    return StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
        .refreshRequest(r -> {
          r.roleArn(c.roleArn()).roleSessionName("offerdesk-" + c.organizationId().toString().substring(0, 8));
          if (c.externalId() != null) {
            r.externalId(c.externalId());
          }
        })
        .build();
  }

  void forget(UUID organizationId) {
    retire(cache.remove(organizationId));
  }

  /** Another thread may be in the middle of a call with these clients: close them a little later. */
  private void retire(ClientSet previous) {
    java.time.Instant now = java.time.Instant.now();
    if (previous != null) {
      retired.add(new Retired(previous, now));
    }
    Retired oldest;
    while ((oldest = retired.peek()) != null && oldest.at().plus(RETIREMENT).isBefore(now)) {
      if (retired.remove(oldest)) {
        oldest.clients().close();
      }
    }
  }

  @Override
  public void close() {
    cache.values().forEach(ClientSet::close);
    cache.clear();
    retired.forEach(r -> r.clients().close());
    retired.clear();
    http.close();
  }
}
