package org.offerdesk.app.marketplace;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization's marketplace account and how to reach it. The secret never leaves the connector:
 * {@link #hasSecret()} only says whether one is stored.
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
    String lastTestMessage) {}
