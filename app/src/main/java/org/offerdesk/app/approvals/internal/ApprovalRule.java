package org.offerdesk.app.approvals.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.offerdesk.app.approvals.RuleKind;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Role;

/**
 * One rule of an organization: what triggers it, past which threshold (none for CUSTOM_EULA and
 * RESALE_AUTHORIZATION), and who approves it: the members holding {@code approverRole}, and/or the members
 * named in {@code approvers} (emails).
 */
record ApprovalRule(RuleKind kind, BigDecimal threshold, Role approverRole, List<String> approvers) {

  ApprovalRule {
    approvers = approvers == null ? List.of() : approvers.stream().map(a -> a.strip().toLowerCase(Locale.ROOT))
        .toList();
  }

  /** Whether the caller is one of this rule's approvers. */
  boolean approvableBy(Caller caller) {
    return caller.role() == approverRole
        || caller.email() != null && !caller.isToken() && approvers.contains(caller.email().toLowerCase(Locale.ROOT));
  }

  /** Whether a member (by email and role) is one of this rule's approvers. */
  boolean approvableBy(String email, Role role) {
    return role == approverRole || email != null && approvers.contains(email.toLowerCase(Locale.ROOT));
  }

  /** The threshold as written back (plain, no trailing zeros), or null. */
  public String thresholdText() {
    return threshold == null ? null : threshold.stripTrailingZeros().toPlainString();
  }

  /** Who approves, in words. */
  public String approversText() {
    StringBuilder who = new StringBuilder();
    if (approverRole != null) {
      who.append("role ").append(approverRole.name());
    }
    if (!approvers.isEmpty()) {
      who.append(who.isEmpty() ? "" : " or ").append(String.join(", ", approvers));
    }
    return who.toString();
  }
}
