package org.offerdesk.app.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.EmailAddress;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The users of an organization: adding them, changing their role, deactivating them. */
@Service
record Team(Members members, PasswordEncoder passwords, AuditLog audit, Clock clock, TransactionTemplate tx) {

  static final int MIN_PASSWORD_LENGTH = 12;
  private static final SecureRandom random = new SecureRandom();

  /** A user just added; the generated password, if any, is shown to the admin this once. */
  record AddedMember(Member member, String initialPassword) {}

  record NewMember(String email, String displayName, Role role, String password) {}

  /** A change to a user: null fields stay as they are; {@code version} guards against lost updates. */
  record MemberChange(Role role, Boolean active, Integer version) {}

  AddedMember add(Caller caller, NewMember request) {
    return tx.execute(status -> addNow(caller, request));
  }

  private AddedMember addNow(Caller caller, NewMember request) {
    List<FieldError> errors = new ArrayList<>();
    String email = request.email() == null ? "" : request.email().strip().toLowerCase();
    if (!EmailAddress.valid(email)) {
      errors.add(new FieldError("email", EmailAddress.INVALID));
    }
    String name = request.displayName() == null ? "" : request.displayName().strip();
    if (name.isEmpty() || name.length() > 100) {
      errors.add(new FieldError("displayName", "must be 1 to 100 characters"));
    }
    if (request.role() == null || request.role().organizationKind() != caller.organizationKind()) {
      errors.add(new FieldError("role", "must be one of " + Role.forKind(caller.organizationKind())));
    }
    String password = request.password();
    boolean generated = password == null || password.isEmpty();
    if (!generated && password.length() < MIN_PASSWORD_LENGTH) {
      errors.add(new FieldError("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    if (members.byEmail(email).isPresent()) {
      throw new InvalidInput("email", "is already used by another user");
    }
    if (generated) {
      password = generatePassword();
    }
    Member member = new Member(UUID.randomUUID(), caller.organizationId(), email, name, request.role(),
        passwords.encode(password), true, 0, null, Times.micros(clock.instant()), 0);
    members.add(member);
    audit.record(caller, "user.added", email, "role " + request.role());
    return new AddedMember(member, generated ? password : null);
  }

  Member change(Caller caller, UUID id, MemberChange change) {
    return tx.execute(status -> changeNow(caller, id, change));
  }

  private Member changeNow(Caller caller, UUID id, MemberChange change) {
    Member current = get(caller, id);
    if (change.version() != null && change.version() != current.version()) {
      throw new Conflict("The user was changed by someone else since you loaded it; reload and try again");
    }
    Role role = change.role() == null ? current.role() : change.role();
    boolean active = change.active() == null ? current.active() : change.active();
    if (role.organizationKind() != caller.organizationKind()) {
      throw new InvalidInput("role", "must be one of " + Role.forKind(caller.organizationKind()));
    }
    if (id.equals(caller.userId()) && !active) {
      throw new Conflict("You cannot deactivate yourself");
    }
    Role adminRole = Role.forKind(caller.organizationKind()).get(0);
    boolean losesAdmin = current.role() == adminRole && current.active() && (role != adminRole || !active);
    if (losesAdmin && members.countActiveWithRole(caller.organizationId(), adminRole) <= 1) {
      throw new Conflict("The organization needs at least one active " + adminRole);
    }
    Member updated = new Member(current.id(), current.organizationId(), current.email(), current.displayName(), role,
        current.passwordHash(), active, current.failedSignIns(), current.lockedUntil(), current.createdAt(),
        current.version());
    if (!members.update(updated)) {
      throw new Conflict("The user was changed by someone else since you loaded it; reload and try again");
    }
    if (role != current.role()) {
      audit.record(caller, "user.role_changed", current.email(), current.role() + " → " + role);
    }
    if (active != current.active()) {
      audit.record(caller, active ? "user.reactivated" : "user.deactivated", current.email(), null);
    }
    return get(caller, id);
  }

  Member get(Caller caller, UUID id) {
    return members.byId(caller.organizationId(), id).orElseThrow(() -> new NotFound("User " + id));
  }

  CursorPage<Member> list(Caller caller, String cursor, Integer limit) {
    return members.list(caller.organizationId(), cursor, CursorPage.limit(limit));
  }

  static String generatePassword() {
    final String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) {
        sb.append('-');
      }
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
