package org.offerdesk.app.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a fresh installation starts with: the demo seller "Demo ISV" with its admin, the demo reseller
 * "Demo Reseller" with its partner admin, and, when {@code OFFERDESK_BOOTSTRAP_TOKEN} (or
 * {@code OFFERDESK_BOOTSTRAP_RESELLER_TOKEN}) is set, an admin API token of the seller (of the reseller) with
 * that secret. Safe to run on every start and from several instances at once.
 */
@Component
record DemoOrganizations(Organizations organizations, Members members, ApiTokens tokens, PasswordEncoder passwords,
    AuditLog audit, JdbcClient jdbc, Clock clock, TransactionTemplate tx, String adminPassword, String bootstrapToken,
    String bootstrapResellerToken) {

  /**
   * The settings are annotated here, not on the record's components: an annotated component annotates its field too,
   * and the bean definitions made ahead of time (runtime/AheadOfTime) would then set the final field again.
   */
  DemoOrganizations(Organizations organizations, Members members, ApiTokens tokens, PasswordEncoder passwords,
      AuditLog audit, JdbcClient jdbc, Clock clock, TransactionTemplate tx,
      @Value("${offerdesk.admin-password:${OFFERDESK_ADMIN_PASSWORD:}}") String adminPassword,
      @Value("${offerdesk.bootstrap-token:${OFFERDESK_BOOTSTRAP_TOKEN:}}") String bootstrapToken,
      @Value("${offerdesk.bootstrap-reseller-token:${OFFERDESK_BOOTSTRAP_RESELLER_TOKEN:}}")
      String bootstrapResellerToken) {
    this.organizations = organizations;
    this.members = members;
    this.tokens = tokens;
    this.passwords = passwords;
    this.audit = audit;
    this.jdbc = jdbc;
    this.clock = clock;
    this.tx = tx;
    this.adminPassword = adminPassword;
    this.bootstrapToken = bootstrapToken;
    this.bootstrapResellerToken = bootstrapResellerToken;
  }

  static final UUID DEMO_SELLER_ID = UUID.nameUUIDFromBytes("offerdesk:demo-isv".getBytes(StandardCharsets.UTF_8));
  static final UUID DEMO_RESELLER_ID =
      UUID.nameUUIDFromBytes("offerdesk:demo-reseller".getBytes(StandardCharsets.UTF_8));
  static final String ADMIN_EMAIL = "admin@demo.offerdesk.local";
  static final String PARTNER_EMAIL = "partner@reseller.offerdesk.local";

  private static final Logger log = LoggerFactory.getLogger(DemoOrganizations.class);

  /** Creates what is missing, in one transaction; returns the passwords it generated, to be printed once. */
  public SeedResult seed() {
    return tx.execute(status -> seedNow());
  }

  private SeedResult seedNow() {
    // Several instances may start together: one seeds, the others wait and then find it done.
    jdbc.sql("SELECT pg_advisory_xact_lock(7212001)").query().singleRow();
    ensureOrganization(DEMO_SELLER_ID, "demo-isv", "Demo ISV", OrganizationKind.SELLER);
    ensureOrganization(DEMO_RESELLER_ID, "demo-reseller", "Demo Reseller", OrganizationKind.RESELLER);
    String admin = ensureUser(DEMO_SELLER_ID, ADMIN_EMAIL, "Demo Admin", Role.ADMIN);
    String partner = ensureUser(DEMO_RESELLER_ID, PARTNER_EMAIL, "Demo Partner Admin", Role.PARTNER_ADMIN);
    ensureBootstrapToken(new BootstrapToken("OFFERDESK_BOOTSTRAP_TOKEN", bootstrapToken, DEMO_SELLER_ID, Role.ADMIN,
        "bootstrap", "Demo ISV"));
    ensureBootstrapToken(new BootstrapToken("OFFERDESK_BOOTSTRAP_RESELLER_TOKEN", bootstrapResellerToken,
        DEMO_RESELLER_ID, Role.PARTNER_ADMIN, "bootstrap-reseller", "Demo Reseller"));
    return new SeedResult(Optional.ofNullable(admin), Optional.ofNullable(partner));
  }

  record SeedResult(Optional<String> generatedAdminPassword, Optional<String> generatedPartnerPassword) {}

  private void ensureOrganization(UUID id, String slug, String name, OrganizationKind kind) {
    if (organizations.byId(id).isEmpty()) {
      organizations.add(new Organization(id, slug, name, kind, Times.micros(clock.instant())));
      audit.record(id, "system", "organization.created", name, "demo data");
    }
  }

  /** Returns the generated password when it had to make one, otherwise null. */
  private String ensureUser(UUID org, String email, String name, Role role) {
    if (members.byEmail(email).isPresent()) {
      return null;
    }
    boolean generate = adminPassword.isBlank();
    String password = generate ? Team.generatePassword() : adminPassword;
    members.add(new Member(UUID.randomUUID(), org, email, name, role, passwords.encode(password), true, 0, null,
        Times.micros(clock.instant()), 0));
    audit.record(org, "system", "user.added", email, "role " + role + " (demo data)");
    return generate ? password : null;
  }

  /**
   * A token for automation whose secret the operator chose: the admin role of its organization's kind
   * (a reseller's admin is a {@link Role#PARTNER_ADMIN}).
   */
  private record BootstrapToken(String variable, String secret, UUID organizationId, Role role, String name,
      String organizationName) {}

  private void ensureBootstrapToken(BootstrapToken wanted) {
    String secret = wanted.secret();
    if (secret.isBlank()) {
      return;
    }
    if (secret.length() < 16) {
      throw new IllegalStateException(wanted.variable() + " must be at least 16 characters long");
    }
    String hash = TokenSecrets.hash(secret);
    Optional<ApiToken> existing = tokens.bySecretHash(hash);
    if (existing.isPresent()) {
      if (!existing.get().organizationId().equals(wanted.organizationId())) {
        throw new IllegalStateException(wanted.variable() + " is already the secret of another organization's token");
      }
      tokens.reinstate(wanted.organizationId(), existing.get().id(), wanted.role());
      return;
    }
    ApiToken token = new ApiToken(UUID.randomUUID(), wanted.organizationId(), wanted.name(), wanted.role(), hash,
        TokenSecrets.displayPrefix(secret), "system", Times.micros(clock.instant()), null, null, null);
    tokens.add(token);
    audit.record(wanted.organizationId(), "system", "token.created", "token " + wanted.name() + " (" + token.id()
        + ")", "from " + wanted.variable());
    log.info("Bootstrap API token from {} is ready ({} of {})", wanted.variable(), wanted.role(),
        wanted.organizationName());
  }
}
