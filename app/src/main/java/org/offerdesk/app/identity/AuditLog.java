package org.offerdesk.app.identity;

import java.util.UUID;

/** Who did what, when, in an organization; admins read it in Settings → Audit log. */
public interface AuditLog {

  void record(Caller actor, String action, String target, String detail);

  /** An entry whose actor is not a signed-in caller (sign-in attempts, the system itself). */
  void record(UUID organizationId, String actor, String action, String target, String detail);
}
