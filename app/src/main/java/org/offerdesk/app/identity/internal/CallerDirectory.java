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
    Organization org = organizations.byId(member.organizationId()).orElseThrow();
    return new Caller(org.id(), org.name(), org.kind(), member.role(), member.id(), member.email(),
        member.displayName(), null, null);
  }

  /** The stored token whose secret this is, if any. */
  Optional<ApiToken> tokenWithSecret(String secret) {
    return secret.isEmpty() ? Optional.empty() : tokens.bySecretHash(TokenSecrets.hash(secret));
  }

  /** The caller an active token stands for, noting that it was used at {@code at}. */
  Caller forTokenUsedAt(ApiToken token, Instant at) {
    tokens.touch(token.id(), at);
    Organization org = organizations.byId(token.organizationId()).orElseThrow();
    return new Caller(org.id(), org.name(), org.kind(), token.role(), null, null, token.name(), token.id(),
        token.name());
  }

  /** The user behind a session as stored now: empty when deleted or deactivated since sign-in. */
  Optional<Caller> refresh(Caller sessionCaller) {
    if (sessionCaller.userId() == null) {
      return Optional.of(sessionCaller);
    }
    UUID org = sessionCaller.organizationId();
    return members.byId(org, sessionCaller.userId()).filter(Member::active).map(this::forMember);
  }
}
