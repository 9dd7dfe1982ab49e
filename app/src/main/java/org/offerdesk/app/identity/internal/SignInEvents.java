package org.offerdesk.app.identity.internal;

import java.time.Duration;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.runtime.SecurityClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins and locks an account after too many, and writes every sign-in attempt on a
 * known account to its organization's audit log.
 */
@Component
record SignInEvents(Members members, AuditLog audit, SecurityClock clock, int maxFailures, Duration lockout) {

  /**
   * The settings are annotated here, not on the record's components: an annotated component annotates its field too,
   * and the bean definitions made ahead of time (runtime/AheadOfTime) would then set the final field again.
   */
  SignInEvents(Members members, AuditLog audit, SecurityClock clock,
      @Value("${offerdesk.security.max-failed-sign-ins:5}") int maxFailures,
      @Value("${offerdesk.security.lockout:PT15M}") Duration lockout) {
    this.members = members;
    this.audit = audit;
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.lockout = lockout;
  }

  @EventListener
  void failed(AuthenticationFailureBadCredentialsEvent event) {
    String email = String.valueOf(event.getAuthentication().getPrincipal());
    members.byEmail(email.strip()).ifPresent(m -> {
      members.recordFailedSignIn(m.id(), maxFailures, clock.now().plus(lockout));
      audit.record(m.organizationId(), m.email(), "sign_in.failed", m.email(), "wrong password");
      if (m.failedSignIns() + 1 == maxFailures) {
        audit.record(m.organizationId(), "system", "user.locked", m.email(),
            maxFailures + " failed sign-ins; locked for " + lockout.toMinutes() + " minutes");
      }
    });
  }

  @EventListener
  void locked(AuthenticationFailureLockedEvent event) {
    String email = String.valueOf(event.getAuthentication().getPrincipal());
    members.byEmail(email.strip()).ifPresent(m ->
        audit.record(m.organizationId(), m.email(), "sign_in.refused", m.email(), "account locked"));
  }

  @EventListener
  void disabled(AuthenticationFailureDisabledEvent event) {
    String email = String.valueOf(event.getAuthentication().getPrincipal());
    members.byEmail(email.strip()).ifPresent(m ->
        audit.record(m.organizationId(), m.email(), "sign_in.refused", m.email(), "user deactivated"));
  }

  @EventListener
  void succeeded(InteractiveAuthenticationSuccessEvent event) {
    if (event.getAuthentication().getPrincipal() instanceof Caller caller && caller.userId() != null) {
      members.recordSuccessfulSignIn(caller.userId());
      audit.record(caller, "sign_in", caller.email(), null);
    }
  }
}
