package org.offerdesk.app.identity.internal;

import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.web.EmailAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first organization of an installation and its first admin, created once: by the setup page (with
 * the one-time setup code) or by the {@code setup} command. After that admins add members as usual, and
 * this never creates anything again, even when several requests or instances try at the same moment.
 */
@Service
record FirstRunSetup(Organizations organizations, Members members, PasswordEncoder passwords, AuditLog audit,
    JdbcClient jdbc, Clock clock, TransactionTemplate tx) {

  /** The same lock the demo seeding takes: whoever creates the first organization holds it. */
  static final long FIRST_ORGANIZATION_LOCK = 7212001;

  /** What the person setting up OfferDesk enters. */
  record FirstOrganization(String organizationName, String adminEmail, String adminName, String password) {}

  /** What was created. */
  record Created(UUID organizationId, String slug, String adminEmail) {}

  /** True while the installation has no organization at all. */
  boolean isPending() {
    return jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM organization)").query(Boolean.class).single();
  }

  /** The field errors of a request, empty when it can be created. */
  static List<FieldError> check(FirstOrganization request) {
    List<FieldError> errors = new ArrayList<>();
    String name = strip(request.organizationName());
    if (name.isEmpty() || name.length() > 100) {
      errors.add(new FieldError("organizationName", "must be 1 to 100 characters"));
    } else if (slug(name).isEmpty()) {
      errors.add(new FieldError("organizationName", "must contain a letter or a digit"));
    }
    String email = strip(request.adminEmail()).toLowerCase(Locale.ROOT);
    if (!EmailAddress.valid(email)) {
      errors.add(new FieldError("adminEmail", EmailAddress.INVALID));
    }
    String adminName = strip(request.adminName());
    if (adminName.length() > 100) {
      errors.add(new FieldError("adminName", "must be at most 100 characters"));
    }
    PasswordRules.problem(request.password(), email, name)
        .ifPresent(problem -> errors.add(new FieldError("password", problem)));
    return errors;
  }

  /** Creates the organization and its admin, or refuses when the installation already has one. */
  Created create(FirstOrganization request) {
    return tx.execute(status -> createNow(request));
  }

  private Created createNow(FirstOrganization request) {
    List<FieldError> errors = check(request);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(FIRST_ORGANIZATION_LOCK).query().singleRow();
    if (!isPending()) {
      throw new Conflict("OfferDesk is already set up: an organization exists. Its admins add members "
          + "in Settings → Users");
    }
    String name = strip(request.organizationName());
    String email = strip(request.adminEmail()).toLowerCase(Locale.ROOT);
    String adminName = strip(request.adminName()).isEmpty() ? email : strip(request.adminName());
    UUID id = UUID.randomUUID();
    String slug = slug(name);
    organizations.add(new Organization(id, slug, name, OrganizationKind.SELLER, Times.micros(clock.instant())));
    audit.record(id, "setup", "organization.created", name, "first-run setup");
    members.add(new Member(UUID.randomUUID(), id, email, adminName, Role.ADMIN, passwords.encode(request.password()),
        true, 0, null, Times.micros(clock.instant()), 0));
    audit.record(id, "setup", "user.added", email, "role ADMIN (first-run setup)");
    return new Created(id, slug, email);
  }

  /** "Acme Software, Inc." → "acme-software-inc": the organization's part of its marketplace URLs. */
  static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    return slug.length() > 40 ? slug.substring(0, 40).replaceAll("-+$", "") : slug;
  }

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }
}
