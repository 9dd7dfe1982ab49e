package org.offerdesk.app.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An event the marketplace sent an organization (EventBridge shape): {@code detailType} such as
 * "Purchase Agreement Created - Proposer", and its {@code detail}.
 */
public record MarketplaceEvent(UUID organizationId, String id, String detailType, String source, Instant time,
    JsonNode detail) {}
