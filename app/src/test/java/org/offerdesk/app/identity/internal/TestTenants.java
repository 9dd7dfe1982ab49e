package org.offerdesk.app.identity.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.identity.Role;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Makes organizations for tests: each with an admin who can sign in and an admin API token. */
public final class TestTenants {

  public static final String PASSWORD = "correct horse battery";

  /**
   * {@link #PASSWORD} hashed once per JVM for every user made here, with BCrypt's cost in the hash set to 4
   * instead of the encoder's 10: sign-in checks it with the application's own encoder (BCrypt reads the cost
   * from the hash) in a millisecond instead of about 100, and hashing it for each user and checking it at each
   * sign-in was a third of the test JVMs' Java CPU. Users who set a password in the console still get the
   * application's cost.
   */
  private static final String PASSWORD_HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

  /** An organization made for a test, and how to act as its admin. */
  public record Tenant(UUID organizationId, String name, OrganizationKind kind, UUID adminId, String adminEmail,
      String adminPassword, String adminToken) {}

  private final ApplicationContext context;

  public TestTenants(ApplicationContext context) {
    this.context = context;
  }

  public Tenant seller(String name) {
    return create(name, OrganizationKind.SELLER);
  }

  public Tenant reseller(String name) {
    return create(name, OrganizationKind.RESELLER);
  }

  /** Adds a user with the given role to a tenant and returns its email (password {@link #PASSWORD}). */
  public String user(Tenant tenant, Role role) {
    String email = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.local";
    context.getBean(Members.class).add(new Member(UUID.randomUUID(), tenant.organizationId(), email, role.name(),
        role, passwordHash(), true, 0, null, now(), 0));
    return email;
  }

  /** An API token of the given role in the tenant. */
  public String token(Tenant tenant, Role role) {
    Caller admin = new Caller(tenant.organizationId(), tenant.name(), tenant.kind(), role, tenant.adminId(),
        tenant.adminEmail(), "Admin", null, null);
    return context.getBean(Tokens.class).issue(admin, new Tokens.TokenRequest("test " + role, role, null)).secret();
  }

  private Tenant create(String name, OrganizationKind kind) {
    UUID id = UUID.randomUUID();
    String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-" + id.toString().substring(0, 8);
    context.getBean(Organizations.class).add(new Organization(id, slug, name, kind, now()));
    Role adminRole = Role.forKind(kind).get(0);
    String email = "admin@" + slug + ".test";
    UUID adminId = UUID.randomUUID();
    context.getBean(Members.class).add(new Member(adminId, id, email, "Admin of " + name, adminRole,
        passwordHash(), true, 0, null, now(), 0));
    Caller admin = new Caller(id, name, kind, adminRole, adminId, email, "Admin of " + name, null, null);
    String token = context.getBean(Tokens.class).issue(admin, new Tokens.TokenRequest("test admin", adminRole, null))
        .secret();
    return new Tenant(id, name, kind, adminId, email, PASSWORD, token);
  }

  /** The shared hash, once the application's encoder has shown it accepts it (it would, unless it stops being BCrypt). */
  private String passwordHash() {
    if (!context.getBean(PasswordEncoder.class).matches(PASSWORD, PASSWORD_HASH)) {
      throw new IllegalStateException("The application's PasswordEncoder no longer reads BCrypt hashes: hash "
          + "PASSWORD with it here instead");
    }
    return PASSWORD_HASH;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
