package org.offerdesk.app.identity;

import java.util.Optional;
import java.util.UUID;

/** The display name of an organization, for pages and emails shown in its name to buyers and partners. */
public interface OrganizationNames {

  Optional<String> nameOf(UUID organizationId);
}
