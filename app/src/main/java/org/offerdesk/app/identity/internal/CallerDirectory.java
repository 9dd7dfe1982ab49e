package org.offerdesk.app.identity.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.runtime.SecurityClock;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Builds callers from users and tokens as they are stored right now. */
@Component
record CallerDirectory(Members members, Organizations organizations, ApiTokens tokens, SecurityClock clock)
    implements UserDetailsService {

  @Override
  public UserDetails loadUserByUsername(String email) {
    Member member = members.byEmail(email.strip())
        .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    if (member.lockedUntil() != null && !member.lockedAt(clock.now())) {
      members.resetLockIfExpired(member.id(), clock.now());
    }
    return new SignInAccount(forMember(member), member.passwordHash(), member.active(),
        member.lockedAt(clock.now()));
  }

  Caller forMember(Member member) {
    return forMember(member, organizations.byId(member.organizationId()).orElseThrow());
  }

  private static Caller forMember(Member member, Organization org) {
    return new Caller(org.id(), org.name(), org.kind(), member.role(), member.id(), member.email(),
        member.displayName(), null, null);
  }

  /**
   * The stored token whose secret this is, if any, with its organization, as read at most
   * {@link VerifiedTokens#FOR} before {@code now} (a revocation through this instance applies at once).
   */
  Optional<ApiTokens.WithOrganization> tokenWithSecret(String secret, Instant now) {
    return secret.isEmpty() ? Optional.empty() : tokens.verifiedBySecretHash(TokenSecrets.hash(secret), now);
  }

  /**
   * The caller an active token stands for, noting that it was used at {@code at}: at most once a minute,
   * judged first by the use read with the token, so that a busy client's requests do not each write.
   */
  Caller forTokenUsedAt(ApiTokens.WithOrganization found, Instant at) {
    ApiToken token = found.token();
    if (ApiTokens.dueForTouch(token.lastUsedAt(), at)) {
      tokens.touch(token, at);
    }
    Organization org = found.organization();
    return new Caller(org.id(), org.name(), org.kind(), token.role(), null, null, token.name(), token.id(),
        token.name());
  }

  /** The user behind a session as stored now: empty when deleted or deactivated since sign-in. */
  Optional<Caller> refresh(Caller sessionCaller) {
    if (sessionCaller.userId() == null) {
      return Optional.of(sessionCaller);
    }
    return members.withOrganization(sessionCaller.organizationId(), sessionCaller.userId())
        .filter(found -> found.member().active())
        .map(found -> forMember(found.member(), found.organization()));
  }
}
