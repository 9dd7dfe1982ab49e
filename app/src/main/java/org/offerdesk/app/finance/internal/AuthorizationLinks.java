package org.offerdesk.app.finance.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.partners.ResaleAuthorizations;
import org.springframework.stereotype.Component;

/**
 * Where a channel deal's invoice leads: the resale authorization it was sold under, on the ISV's partners
 * page when the ISV granted it through OfferDesk, on the reseller's opportunities page for a reseller.
 */
@Component
class AuthorizationLinks {

  private final ResaleAuthorizations authorizations;

  AuthorizationLinks(ResaleAuthorizations authorizations) {
    this.authorizations = authorizations;
  }

  /** The page of each of these marketplace resale authorization IDs that the caller's organization has. */
  Map<String, String> of(Caller caller, Collection<String> resaleAuthorizationIds) {
    List<String> ids = resaleAuthorizationIds.stream().filter(Objects::nonNull).distinct().toList();
    Map<String, String> links = new LinkedHashMap<>();
    if (caller.organizationKind() == OrganizationKind.RESELLER) {
      ids.forEach(id -> links.put(id, "/partners/opportunities/" + id));
    } else {
      Map<String, UUID> granted = authorizations.idsByMarketplaceIds(caller.organizationId(), ids);
      ids.stream().filter(granted::containsKey)
          .forEach(id -> links.put(id, "/partners/resale-authorizations/" + granted.get(id)));
    }
    return links;
  }
}
