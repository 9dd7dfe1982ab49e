package org.offerdesk.app.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.WorkTokens;
import org.offerdesk.app.runtime.SecurityClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link WorkTokens} issued by the system (not a member), with the admin role of the organization's kind. */
@Service
record SystemWorkTokens(ApiTokens tokens, Organizations organizations, AuditLog audit, SecurityClock clock,
    TransactionTemplate tx) implements WorkTokens {

  @Override
  public WorkToken issue(UUID organizationId, String name, Duration lifetime) {
    return tx.execute(status -> issueNow(organizationId, name, lifetime));
  }

  private WorkToken issueNow(UUID organizationId, String name, Duration lifetime) {
    Organization org = organizations.byId(organizationId).orElseThrow();
    Role role = org.kind() == OrganizationKind.RESELLER ? Role.PARTNER_ADMIN : Role.ADMIN;
    Instant now = Times.micros(clock.now());
    String secret = TokenSecrets.generate();
    ApiToken token = new ApiToken(UUID.randomUUID(), organizationId, name, role, TokenSecrets.hash(secret),
        TokenSecrets.displayPrefix(secret), "system", now, Times.micros(now.plus(lifetime)), null, null);
    tokens.add(token);
    audit.record(organizationId, "system", "token.created", "token " + name + " (" + token.id() + ")", "role " + role);
    return new WorkToken(token.id(), secret);
  }

  @Override
  public void revoke(UUID organizationId, UUID tokenId) {
    tx.executeWithoutResult(status -> {
      if (tokens.revoke(organizationId, tokenId, clock.now())) {
        audit.record(organizationId, "system", "token.revoked", "token (" + tokenId + ")", null);
      }
    });
  }
}
