package org.offerdesk.app.identity.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Permission;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.web.CursorPage;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The identity API: who am I, API tokens, users and the audit log of the caller's organization. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Identity")
class IdentityApi {

  record OrganizationView(UUID id, String name, String kind) {}

  record UserRef(UUID id, String email, String displayName) {}

  record TokenRef(UUID id, String name) {}

  record MeView(UserRef user, TokenRef token, OrganizationView organization, Role role, List<Permission> permissions) {}

  record TokenView(UUID id, String name, Role role, String prefix, String status, String createdBy, Instant createdAt,
      Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {}

  record IssuedTokenView(TokenView token, String secret) {}

  record CreateTokenRequest(String name, Role role, Integer expiresInDays) {}

  record UserView(UUID id, String email, String displayName, Role role, boolean active, boolean locked,
      Instant createdAt, int version) {}

  record AddedUserView(UserView user, String initialPassword) {}

  record CreateUserRequest(String email, String displayName, Role role, String password) {}

  record UpdateUserRequest(Role role, Boolean active, Integer version) {}

  record AuditEventView(UUID id, Instant occurredAt, String actor, String action, String target, String detail) {}

  private final Tokens tokens;
  private final Team team;
  private final JdbcAuditLog audit;

  IdentityApi(Tokens tokens, Team team, JdbcAuditLog audit) {
    this.tokens = tokens;
    this.team = team;
    this.audit = audit;
  }

  @GetMapping("/me")
  MeView me(@AuthenticationPrincipal Caller caller) {
    return new MeView(
        caller.userId() == null ? null : new UserRef(caller.userId(), caller.email(), caller.displayName()),
        caller.tokenId() == null ? null : new TokenRef(caller.tokenId(), caller.tokenName()),
        new OrganizationView(caller.organizationId(), caller.organizationName(), caller.organizationKind().name()),
        caller.role(), caller.role().permissions().stream().sorted().toList());
  }

  @GetMapping("/tokens")
  @PreAuthorize("hasAuthority('TOKENS_MANAGE')")
  CursorPage<TokenView> tokens(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    Instant now = tokens.now();
    return tokens.list(caller, cursor, limit).map(t -> view(t, now));
  }

  @GetMapping("/tokens/{id}")
  @PreAuthorize("hasAuthority('TOKENS_MANAGE')")
  TokenView token(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return view(tokens.get(caller, id), tokens.now());
  }

  @PostMapping("/tokens")
  @PreAuthorize("hasAuthority('TOKENS_MANAGE')")
  ResponseEntity<IssuedTokenView> createToken(@AuthenticationPrincipal Caller caller,
      @RequestBody CreateTokenRequest request) {
    Tokens.IssuedToken issued = tokens.issue(caller,
        new Tokens.TokenRequest(request.name(), request.role(), request.expiresInDays()));
    // The secret is in this response only: nothing may keep it, idempotency replay included.
    return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.token().id()))
        .cacheControl(CacheControl.noStore())
        .body(new IssuedTokenView(view(issued.token(), tokens.now()), issued.secret()));
  }

  @DeleteMapping("/tokens/{id}")
  @PreAuthorize("hasAuthority('TOKENS_MANAGE')")
  TokenView revokeToken(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return view(tokens.revoke(caller, id), tokens.now());
  }

  @GetMapping("/users")
  @PreAuthorize("hasAuthority('USERS_MANAGE')")
  CursorPage<UserView> users(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    Instant now = tokens.now();
    return team.list(caller, cursor, limit).map(m -> view(m, now));
  }

  @GetMapping("/users/{id}")
  @PreAuthorize("hasAuthority('USERS_MANAGE')")
  UserView user(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return view(team.get(caller, id), tokens.now());
  }

  @PostMapping("/users")
  @PreAuthorize("hasAuthority('USERS_MANAGE')")
  ResponseEntity<AddedUserView> addUser(@AuthenticationPrincipal Caller caller,
      @RequestBody CreateUserRequest request) {
    Team.AddedMember added = team.add(caller,
        new Team.NewMember(request.email(), request.displayName(), request.role(), request.password()));
    ResponseEntity.BodyBuilder response = ResponseEntity.created(URI.create("/api/v1/users/" + added.member().id()));
    if (added.initialPassword() != null) {
      response.cacheControl(CacheControl.noStore());
    }
    return response.body(new AddedUserView(view(added.member(), tokens.now()), added.initialPassword()));
  }

  @PatchMapping("/users/{id}")
  @PreAuthorize("hasAuthority('USERS_MANAGE')")
  UserView updateUser(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody UpdateUserRequest request) {
    return view(team.change(caller, id, new Team.MemberChange(request.role(), request.active(), request.version())),
        tokens.now());
  }

  @GetMapping("/audit-events")
  @PreAuthorize("hasAuthority('AUDIT_VIEW')")
  CursorPage<AuditEventView> auditEvents(@AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
    return audit.list(caller.organizationId(), cursor, CursorPage.limit(limit))
        .map(e -> new AuditEventView(e.id(), e.occurredAt(), e.actor(), e.action(), e.target(), e.detail()));
  }

  static TokenView view(ApiToken t, Instant now) {
    return new TokenView(t.id(), t.name(), t.role(), t.secretPrefix(), t.statusAt(now).name(), t.createdBy(),
        t.createdAt(), t.expiresAt(), t.revokedAt(), t.lastUsedAt());
  }

  static UserView view(Member m, Instant now) {
    return new UserView(m.id(), m.email(), m.displayName(), m.role(), m.active(), m.lockedAt(now), m.createdAt(),
        m.version());
  }
}
