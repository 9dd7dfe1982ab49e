package org.offerdesk.app.marketplace;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization's marketplace account and how to reach it. The secret never leaves the connector:
 * {@link #hasSecret()} only says whether one is stored. {@code verifiedAccountId} and {@code verifiedArn} are
 * the identity the marketplace reported for the credentials (STS GetCallerIdentity), null until it answered:
 * the account belongs to this organization only once verified, and to no other.
 */
public record MarketplaceConnection(
    UUID organizationId,
    String awsAccountId,
    String region,
    CredentialsType credentialsType,
    String accessKeyId,
    boolean hasSecret,
    String roleArn,
    String externalId,
    URI endpointOverride,
    boolean embeddedSandbox,
    int version,
    Instant updatedAt,
    String updatedBy,
    Instant lastTestAt,
    Boolean lastTestOk,
    String lastTestMessage,
    String verifiedAccountId,
    String verifiedArn) {}
