package org.offerdesk.app.approvals.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.offerdesk.app.approvals.RuleKind;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.web.FormRefusal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Approval rules: an admin writes the organization's rules, one per row (kind, threshold, the
 * approving role and/or members), and saves them as a whole. Errors land on the row they concern.
 */
@Controller
class ApprovalRulesPage {

  static final int BLANK_ROWS = 2;

  private static final Pattern ROW = Pattern.compile("^items\\[(\\d+)]\\.");

  /** One row as typed; approvers comma-separated. */
  record Row(int index, String kind, String threshold, String approverRole, String approvers, boolean remove) {
    public boolean blank() {
      return kind.isBlank() && threshold.isBlank() && approverRole.isBlank() && approvers.isBlank();
    }
  }

  private final ApprovalRules rules;

  ApprovalRulesPage(ApprovalRules rules) {
    this.rules = rules;
  }

  @GetMapping("/settings/approval-rules")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String page(@AuthenticationPrincipal Caller caller, Model model) {
    List<Row> rows = new ArrayList<>();
    for (ApprovalRule r : rules.of(caller)) {
      rows.add(new Row(rows.size(), r.kind().name(), r.thresholdText() == null ? "" : r.thresholdText(),
          r.approverRole() == null ? "" : r.approverRole().name(), String.join(", ", r.approvers()), false));
    }
    return render(caller, rows, Map.of(), null, model);
  }

  @PostMapping("/settings/approval-rules")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  String save(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    List<Row> posted = new ArrayList<>();
    for (int i = 0; params.containsKey("rules[" + i + "].kind"); i++) {
      String at = "rules[" + i + "].";
      posted.add(new Row(i, value(params, at + "kind"), value(params, at + "threshold"),
          value(params, at + "approverRole"), value(params, at + "approvers"),
          "true".equals(params.get(at + "remove"))));
    }
    List<ApprovalRules.RuleInput> kept = new ArrayList<>();
    List<Integer> rowOf = new ArrayList<>();
    for (Row row : posted) {
      if (row.remove() || row.blank()) {
        continue;
      }
      kept.add(new ApprovalRules.RuleInput(row.kind(), row.threshold(), row.approverRole(),
          Arrays.stream(row.approvers().split("[,\\s]+")).filter(a -> !a.isBlank()).toList()));
      rowOf.add(row.index());
    }
    try {
      List<ApprovalRule> saved = rules.replace(caller, kept);
      redirect.addFlashAttribute("notice", saved.isEmpty() ? "Saved: no offer needs approval now."
          : "Saved " + saved.size() + (saved.size() == 1 ? " rule" : " rules")
              + ". Offers that trigger one wait for an approver before they are published.");
      return "redirect:/settings/approval-rules";
    } catch (DomainException problem) {
      Map<String, String> errors = new LinkedHashMap<>();
      FormRefusal.fieldErrors(problem, response).forEach((field, message) -> {
        Matcher m = ROW.matcher(field);
        String at = m.find() ? "rules[" + rowOf.get(Integer.parseInt(m.group(1))) + "]." + field.substring(m.end())
            .replaceAll("\\[\\d+]$", "") : field;
        errors.merge(at, message, (a, b) -> a + "; " + b);
      });
      boolean onRows = errors.keySet().stream().allMatch(k -> k.startsWith("rules["));
      return render(caller, posted, errors, !onRows ? String.join("; ", errors.values())
          : errors.size() == 1 ? "One field needs a fix; it is marked below."
              : errors.size() + " fields need a fix; they are marked below.", model);
    }
  }

  private String render(Caller caller, List<Row> rows, Map<String, String> errors, String alert, Model model) {
    List<Row> shown = new ArrayList<>(rows);
    int next = rows.size();
    for (int i = 0; i < BLANK_ROWS; i++) {
      shown.add(new Row(next + i, "", "", "", "", false));
    }
    model.addAttribute("rows", shown);
    model.addAttribute("kinds", RuleKind.values());
    model.addAttribute("roles", Role.forKind(caller.organizationKind()).stream().filter(r -> r != Role.VIEWER)
        .toList());
    model.addAttribute("errors", errors);
    model.addAttribute("formAlert", alert);
    return "settings/approval-rules";
  }

  private static String value(Map<String, String> params, String name) {
    String v = params.get(name);
    return v == null ? "" : v.strip();
  }
}
