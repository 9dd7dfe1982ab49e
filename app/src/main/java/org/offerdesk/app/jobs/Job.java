package org.offerdesk.app.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A unit of durable work as a handler receives it. {@code attempt} counts from 1. */
public record Job(UUID id, String kind, UUID organizationId, JsonNode payload, Instant dueAt, int attempt,
    int maxAttempts) {}
