package org.offerdesk.app.identity.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.identity.ResellerOrganizations;
import org.offerdesk.app.identity.Role;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reseller's organization opened from an invitation: the same checks as the first-run setup (name,
 * email, password rules), a slug of its own (a number is added when the name's is taken), and its admin.
 */
@Service
record ResellerOpening(Organizations organizations, Members members, PasswordEncoder passwords, AuditLog audit,
    Clock clock, TransactionTemplate tx) implements ResellerOrganizations {

  @Override
  public Opened open(NewReseller request, String cause) {
    return tx.execute(status -> openNow(request, cause));
  }

  private Opened openNow(NewReseller request, String cause) {
    List<FieldError> errors = FirstRunSetup.check(new FirstRunSetup.FirstOrganization(request.organizationName(),
        request.adminEmail(), request.adminName(), request.password()));
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    String email = request.adminEmail().strip().toLowerCase(Locale.ROOT);
    if (members.byEmail(email).isPresent()) {
      throw new InvalidInput("adminEmail", "already signs in to OfferDesk; ask for the invitation at another address");
    }
    String name = request.organizationName().strip();
    String adminName = request.adminName() == null || request.adminName().isBlank() ? email
        : request.adminName().strip();
    UUID id = UUID.randomUUID();
    organizations.add(new Organization(id, freeSlug(FirstRunSetup.slug(name)), name, OrganizationKind.RESELLER,
        Times.micros(clock.instant())));
    audit.record(id, "invitation", "organization.created", name, cause);
    members.add(new Member(UUID.randomUUID(), id, email, adminName, Role.PARTNER_ADMIN,
        passwords.encode(request.password()), true, 0, null, Times.micros(clock.instant()), 0));
    audit.record(id, "invitation", "user.added", email, "role PARTNER_ADMIN (" + cause + ")");
    return new Opened(id, email);
  }

  private String freeSlug(String base) {
    String slug = base;
    for (int n = 2; organizations.bySlug(slug).isPresent(); n++) {
      slug = base + "-" + n;
    }
    return slug;
  }
}
