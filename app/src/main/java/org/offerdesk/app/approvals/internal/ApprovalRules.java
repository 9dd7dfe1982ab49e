package org.offerdesk.app.approvals.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.offerdesk.app.approvals.RuleKind;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.TeamDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's approval rules, read and replaced as a whole (Settings → Approval rules and
 * {@code PUT /api/v1/approval-rules}). Every bad item is named at once and nothing is written.
 */
@Service
class ApprovalRules {

  static final int MAX_RULES = 50;

  /** A rule as written in the API and the settings form: text, checked here. */
  record RuleInput(String kind, String threshold, String approverRole, List<String> approvers) {}

  private final ApprovalRuleStore store;
  private final TeamDirectory directory;
  private final AuditLog audit;

  ApprovalRules(ApprovalRuleStore store, TeamDirectory directory, AuditLog audit) {
    this.store = store;
    this.directory = directory;
    this.audit = audit;
  }

  List<ApprovalRule> of(Caller caller) {
    return store.rules(caller.organizationId());
  }

  @Transactional
  List<ApprovalRule> replace(Caller caller, List<RuleInput> items) {
    if (items == null) {
      throw new InvalidInput("items", "is required: the list of rules (empty for none)");
    }
    if (items.size() > MAX_RULES) {
      throw new InvalidInput("items", "at most " + MAX_RULES + " rules");
    }
    Set<String> members = directory.activeMembers(caller.organizationId(), Set.of(Role.values())).stream()
        .map(m -> m.email().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    List<FieldError> errors = new ArrayList<>();
    List<ApprovalRule> rules = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ApprovalRule rule = read(caller, "items[" + i + "].", items.get(i), members, errors);
      if (rule != null) {
        rules.add(rule);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    store.replace(caller.organizationId(), rules);
    audit.record(caller, "approval-rules.changed", "approval rules", rules.stream()
        .map(r -> r.kind() + (r.threshold() == null ? "" : " " + r.thresholdText()) + " by " + r.approversText())
        .collect(Collectors.joining("; ")));
    return rules;
  }

  private static ApprovalRule read(Caller caller, String at, RuleInput in, Set<String> members,
      List<FieldError> errors) {
    if (in == null) {
      errors.add(new FieldError(at.substring(0, at.length() - 1), "must be a rule"));
      return null;
    }
    int before = errors.size();
    RuleKind kind = null;
    try {
      kind = in.kind() == null ? null : RuleKind.valueOf(in.kind().strip());
    } catch (IllegalArgumentException e) {
      // named below
    }
    if (kind == null) {
      errors.add(new FieldError(at + "kind", "must be one of " + Arrays.stream(RuleKind.values()).map(Enum::name)
          .collect(Collectors.joining(", "))));
    }
    BigDecimal threshold = kind == null ? null : threshold(at, kind, in.threshold(), errors);
    Role role = null;
    if (in.approverRole() != null && !in.approverRole().isBlank()) {
      try {
        role = Role.valueOf(in.approverRole().strip());
      } catch (IllegalArgumentException e) {
        role = null;
      }
      if (role == null || !Role.forKind(caller.organizationKind()).contains(role) || role == Role.VIEWER) {
        errors.add(new FieldError(at + "approverRole", "must be one of " + Role.forKind(caller.organizationKind())
            .stream().filter(r -> r != Role.VIEWER).map(Enum::name).collect(Collectors.joining(", "))
            + " (a viewer cannot approve)"));
      }
    }
    List<String> approvers = in.approvers() == null ? List.of()
        : in.approvers().stream().filter(a -> a != null && !a.isBlank()).map(a -> a.strip().toLowerCase(Locale.ROOT))
            .distinct().toList();
    for (int j = 0; j < approvers.size(); j++) {
      if (!members.contains(approvers.get(j))) {
        errors.add(new FieldError(at + "approvers[" + j + "]", "is not an active member of this organization"));
      }
    }
    if ((in.approverRole() == null || in.approverRole().isBlank()) && approvers.isEmpty()) {
      errors.add(new FieldError(at + "approverRole", "is required: name the role that approves (or the approvers)"));
    }
    return errors.size() == before ? new ApprovalRule(kind, threshold, role, approvers) : null;
  }

  private static BigDecimal threshold(String at, RuleKind kind, String text, List<FieldError> errors) {
    boolean blank = text == null || text.isBlank();
    if (!kind.takesThreshold()) {
      if (!blank) {
        errors.add(new FieldError(at + "threshold", "must be empty: " + kind + " takes no threshold"));
      }
      return null;
    }
    if (blank) {
      errors.add(new FieldError(at + "threshold", "is required for " + kind));
      return null;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      errors.add(new FieldError(at + "threshold", "must be a number"));
      return null;
    }
    if (value.signum() < 0) {
      errors.add(new FieldError(at + "threshold", "must not be negative"));
    } else if (kind.wholeThreshold() && value.stripTrailingZeros().scale() > 0) {
      errors.add(new FieldError(at + "threshold", "must be a whole number"));
    } else if (kind == RuleKind.DISCOUNT_OVER_PERCENT && value.compareTo(BigDecimal.valueOf(100)) >= 0) {
      errors.add(new FieldError(at + "threshold", "must be a percentage below 100"));
    } else if (value.precision() - value.scale() > 16 || value.scale() > 4) {
      errors.add(new FieldError(at + "threshold", "must have at most 16 digits before the point and 4 after"));
    } else {
      return value;
    }
    return null;
  }
}
