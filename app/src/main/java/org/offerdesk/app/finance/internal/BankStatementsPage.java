package org.offerdesk.app.finance.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.FormRefusal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Finance → Bank statements: the column mapping of the organization's bank (saved once, changeable), the
 * upload of a statement CSV, the newest statements, and each statement's result: which deposit paid which
 * payout, what is unmatched and what was ambiguous. The same service as the API.
 */
@Controller
class BankStatementsPage {

  private final BankStatements statements;

  BankStatementsPage(BankStatements statements) {
    this.statements = statements;
  }

  @GetMapping("/finance/bank-statements")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  String index(@AuthenticationPrincipal Caller caller, Model model) {
    StatementColumns columns = statements.columns(caller.organizationId());
    if (!model.containsAttribute("columns")) {
      model.addAttribute("columns", Map.of("dateColumn", columns.dateColumn(), "amountColumn", columns.amountColumn(),
          "referenceColumn", columns.referenceColumn(),
          "currencyColumn", columns.currencyColumn() == null ? "" : columns.currencyColumn(),
          "headerRow", columns.headerRow(), "dateOrder", columns.dateOrder().name(), "currency", columns.currency()));
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    model.addAttribute("dateOrders", StatementColumns.DateOrder.values());
    model.addAttribute("recent", statements.recent(caller.organizationId()));
    return "finance/bank-statements";
  }

  @PostMapping("/finance/bank-statements/columns")
  @PreAuthorize("hasAuthority('FINANCE_EDIT')")
  String saveColumns(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    try {
      statements.saveColumns(caller, StatementColumns.parse(params.get("dateColumn"), params.get("amountColumn"),
          params.get("referenceColumn"), params.get("currencyColumn"), params.containsKey("headerRow"),
          params.get("dateOrder"), params.get("currency")));
      redirect.addFlashAttribute("notice", "Columns saved: every statement is read this way until you change them.");
      return "redirect:/finance/bank-statements";
    } catch (DomainException e) {
      model.addAttribute("columns", params);
      return refused(caller, e, "Columns not saved", model, response);
    }
  }

  @PostMapping("/finance/bank-statements")
  @PreAuthorize("hasAuthority('FINANCE_EDIT')")
  String upload(@AuthenticationPrincipal Caller caller, @RequestParam(name = "file", required = false) MultipartFile file,
      Model model, RedirectAttributes redirect, HttpServletResponse response) throws IOException {
    try {
      if (file == null || file.isEmpty()) {
        throw new InvalidInput("file", "choose the statement's CSV file");
      }
      BankStatements.Uploaded uploaded = statements.upload(caller, file.getOriginalFilename(),
          new String(file.getBytes(), StandardCharsets.UTF_8));
      redirect.addFlashAttribute("notice", "Uploaded: " + uploaded.matchedOnUpload()
          + " deposit(s) matched to payouts by this upload, earlier statements' deposits included.");
      return "redirect:/finance/bank-statements/" + uploaded.statement().id();
    } catch (DomainException e) {
      return refused(caller, e, "Not uploaded", model, response);
    }
  }

  @GetMapping("/finance/bank-statements/{id}")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  String statement(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
    model.addAttribute("statement", BankStatementView.of(statements.statement(caller.organizationId(), id)));
    return "finance/bank-statement";
  }

  private String refused(Caller caller, DomainException e, String what, Model model, HttpServletResponse response) {
    Map<String, String> errors = FormRefusal.fieldErrors(e, response);
    model.addAttribute("errors", errors);
    model.addAttribute("problems", List.copyOf(errors.values()));
    model.addAttribute("alert", errors.isEmpty() ? what + ": " + e.getMessage() : what + ": " + errors.size()
        + " problem(s), nothing was saved.");
    return index(caller, model);
  }
}
