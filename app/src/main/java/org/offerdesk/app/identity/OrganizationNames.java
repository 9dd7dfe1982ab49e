package org.offerdesk.app.identity;

import java.util.Optional;
import java.util.UUID;

/** An organization's display name (for pages and emails in its name) and kind, for other capabilities. */
public interface OrganizationNames {

  Optional<String> nameOf(UUID organizationId);

  Optional<OrganizationKind> kindOf(UUID organizationId);

  /** The organization a public URL names by its slug (e.g. a listing's registration URL). */
  Optional<UUID> idOfSlug(String slug);

  /** The slug that names the organization in its public URLs. */
  Optional<String> slugOf(UUID organizationId);
}
