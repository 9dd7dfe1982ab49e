package org.offerdesk.app.identity.internal;

import java.time.Instant;
import java.util.UUID;
import org.offerdesk.app.identity.OrganizationKind;

record Organization(UUID id, String slug, String name, OrganizationKind kind, Instant createdAt) {}
