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
import org.offerdesk.app.outbound.OutboundGuard;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Builds and caches each organization's SDK clients; a saved connection change rebuilds them. Every client
 * shares one HTTP client whose name resolver is the {@link OutboundGuard}: an endpoint override cannot reach
 * an address the guard refuses, and the address it judged is the one connected to. Clients are handed out
 * only for a connection whose identity the marketplace has confirmed (STS GetCallerIdentity) and that no
 * other organization owns. The ports ({@link SdkCatalog}, {@link SdkAgreements}, {@link SdkBuyers}) call
 * through these clients and translate what they answer into OfferDesk types.
 */
@Component
class SdkClients implements Marketplace, AutoCloseable {

  static final int MAX_ATTEMPTS = 5;

  /** Who the marketplace says the credentials are. */
  record CallerIdentity(String account, String arn) {}

  private final Connections connections;
  private final SecretBox secrets;
  private final SdkHttpClient http;
  private final Map<UUID, ClientSet> cache = new ConcurrentHashMap<>();
  /** Clients replaced by a newer connection, closed once no call can still be using them. */
  private final java.util.Queue<Retired> retired = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private static final java.time.Duration RETIREMENT = java.time.Duration.ofMinutes(3);

  /**
   * Clients set aside at {@code atNanos} ({@link System#nanoTime()}): how long they wait is elapsed time
   * on this machine, for calls in flight to finish, not business or security time, so no clock is asked.
   */
  private record Retired(ClientSet clients, long atNanos) {}

  SdkClients(Connections connections, SecretBox secrets, OutboundGuard guard) {
    this.connections = connections;
    this.secrets = secrets;
    this.http = ApacheHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(35))
        .maxConnections(64)
        .dnsResolver(guard.dnsResolver())
        .build();
  }

  /** The clients of one version of one connection, with STS (and the role's credentials, if any) they sign with. */
  record ClientSet(int version, String endpoint, MarketplaceCatalogClient catalog,
      MarketplaceAgreementClient agreements, MarketplaceMeteringClient metering,
      MarketplaceEntitlementClient entitlements, SqsClient sqs, S3Client s3, StsClient sts, Signer signer)
      implements AutoCloseable {

    /** Who these clients act as. */
    CallerIdentity identity() {
      GetCallerIdentityResponse who = sts.getCallerIdentity();
      return new CallerIdentity(who.account(), who.arn());
    }

    @Override
    public void close() {
      catalog.close();
      agreements.close();
      metering.close();
      entitlements.close();
      sqs.close();
      s3.close();
      sts.close();
      signer.close();
    }
  }

  /** The credentials the clients sign with, and what must be closed with them. */
  record Signer(AwsCredentialsProvider credentials, AutoCloseable[] resources) implements AutoCloseable {
    @Override
    public void close() {
      for (AutoCloseable r : resources) {
        try {
          r.close();
        } catch (Exception e) {
          // closing is best effort
        }
      }
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

  /** The clients below throw {@link NotConnected} when the organization has no usable connection. */
  MarketplaceCatalogClient catalog(UUID organizationId) {
    return clients(organizationId).catalog();
  }

  MarketplaceAgreementClient agreements(UUID organizationId) {
    return clients(organizationId).agreements();
  }

  MarketplaceMeteringClient metering(UUID organizationId) {
    return clients(organizationId).metering();
  }

  MarketplaceEntitlementClient entitlements(UUID organizationId) {
    return clients(organizationId).entitlements();
  }

  SqsClient events(UUID organizationId) {
    return clients(organizationId).sqs();
  }

  /**
   * What a call the SDK has no operation for needs ({@link AgreementJsonCalls}): the shared HTTP client, the
   * credentials the organization's clients sign with, its region and endpoint override (null for AWS's own).
   */
  record Raw(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, java.net.URI endpointOverride) {}

  Raw raw(UUID organizationId) {
    ClientSet set = clients(organizationId);
    MarketplaceConnection c = connections.find(organizationId).orElseThrow(() -> new NotConnected(organizationId))
        .connection();
    return new Raw(http, set.signer().credentials(), Region.of(c.region()), c.endpointOverride());
  }

  /** S3 for the data feeds; path-style behind an endpoint override (the sandbox, S3-compatible stores). */
  S3Client dataFeeds(UUID organizationId) {
    return clients(organizationId).s3();
  }

  private ClientSet clients(UUID organizationId) {
    Connections.Stored stored = connections.find(organizationId)
        .orElseThrow(() -> new NotConnected(organizationId));
    MarketplaceConnection c = stored.connection();
    String endpoint = String.valueOf(c.endpointOverride());
    ClientSet current = cache.get(organizationId);
    if (current != null && current.version() == c.version() && current.endpoint().equals(endpoint)
        && c.verifiedAccountId() != null) {
      return current;
    }
    ClientSet fresh = build(stored, MAX_ATTEMPTS);
    if (c.verifiedAccountId() == null) {
      try {
        verify(stored, fresh);
      } catch (RuntimeException e) {
        fresh.close();
        throw e;
      }
    }
    retire(cache.put(organizationId, fresh));
    return fresh;
  }

  /**
   * Asks the marketplace who the credentials are and records it: the account must be the one the
   * connection names, and no other organization's. A refusal of the credentials propagates as the SDK's
   * own exception, as the call that needed the clients would have failed.
   */
  private CallerIdentity verify(Connections.Stored stored, ClientSet clients) {
    MarketplaceConnection c = stored.connection();
    CallerIdentity identity = clients.identity();
    String problem = ownershipProblem(c, identity);
    if (problem != null) {
      throw new NotConnected(c.organizationId(), problem);
    }
    try {
      connections.recordIdentity(c.organizationId(), c.version(), identity.account(), identity.arn());
    } catch (org.springframework.dao.DuplicateKeyException e) {
      throw new NotConnected(c.organizationId(), ownedElsewhere(identity.account()));
    }
    return identity;
  }

  /** Why this identity may not be the connection's, or null. */
  String ownershipProblem(MarketplaceConnection c, CallerIdentity identity) {
    if (!identity.account().equals(c.awsAccountId())) {
      return "The credentials belong to account " + identity.account() + " (" + identity.arn()
          + "), not to account " + c.awsAccountId() + " that the connection names";
    }
    if (connections.ownedElsewhere(c.organizationId(), identity.account())) {
      return ownedElsewhere(identity.account());
    }
    return null;
  }

  static String ownedElsewhere(String account) {
    return "Marketplace account " + account + " is already connected to another organization in OfferDesk; "
        + "an account can belong to one organization only";
  }

  /** Clients that try once: the connection test must tell what is wrong, not retry around it. */
  ClientSet oneShot(Connections.Stored stored) {
    return build(stored, 1);
  }

  private ClientSet build(Connections.Stored stored, int attempts) {
    MarketplaceConnection c = stored.connection();
    Signer signer = signer(stored, attempts);
    AwsCredentialsProvider credentials = signer.credentials();
    return new ClientSet(c.version(), String.valueOf(c.endpointOverride()),
        configure(MarketplaceCatalogClient.builder(), c, credentials, attempts).build(),
        configure(MarketplaceAgreementClient.builder(), c, credentials, attempts).build(),
        configure(MarketplaceMeteringClient.builder(), c, credentials, attempts).build(),
        configure(MarketplaceEntitlementClient.builder(), c, credentials, attempts).build(),
        configure(SqsClient.builder(), c, credentials, attempts).build(),
        configure(S3Client.builder(), c, credentials, attempts).forcePathStyle(c.endpointOverride() != null).build(),
        configure(StsClient.builder(), c, credentials, attempts).build(), signer);
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

  /**
   * The connection's own access keys, or the role they assume. The host's credentials (environment,
   * instance profile) are never used: a connection signs as what its organization entered, or not at all.
   */
  private Signer signer(Connections.Stored stored, int attempts) {
    MarketplaceConnection c = stored.connection();
    if (c.accessKeyId() == null || stored.sealedSecret() == null) {
      throw new IllegalStateException("The marketplace connection has no access key");
    }
    AwsCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(),
        secrets.open(stored.sealedSecret())));
    if (c.credentialsType() == CredentialsType.ACCESS_KEY) {
      return new Signer(keys, new AutoCloseable[0]);
    }
    if (c.roleArn() == null || c.externalId() == null) {
      throw new IllegalStateException("A role-based marketplace connection needs a role ARN and an external ID");
    }
    StsClient sts = configure(StsClient.builder(), c, keys, attempts).build();
    StsAssumeRoleCredentialsProvider role = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
        .refreshRequest(r -> r.roleArn(c.roleArn()).externalId(c.externalId())
            .roleSessionName("offerdesk-" + c.organizationId().toString().substring(0, 8)))
        .build();
    return new Signer(role, new AutoCloseable[] {role, sts});
  }

  /** Who a connection's credentials are, asked once and without retries (the connection test, a save). */
  CallerIdentity identity(Connections.Stored stored) {
    try (ClientSet once = oneShot(stored)) {
      return once.identity();
    }
  }

  void forget(UUID organizationId) {
    retire(cache.remove(organizationId));
  }

  /** Another thread may be in the middle of a call with these clients: close them a little later. */
  private void retire(ClientSet previous) {
    long now = System.nanoTime();
    if (previous != null) {
      retired.add(new Retired(previous, now));
    }
    Retired oldest;
    while ((oldest = retired.peek()) != null && now - oldest.atNanos() > RETIREMENT.toNanos()) {
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
