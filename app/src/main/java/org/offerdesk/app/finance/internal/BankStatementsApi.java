package org.offerdesk.app.finance.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bank statements through the API: {@code POST /api/v1/finance/bank-statements} with the CSV as the body
 * ({@code Content-Type: text/csv}, optional {@code ?fileName=}), read with the organization's column mapping
 * ({@code GET}/{@code PUT .../columns}); the answer, like {@code GET .../{id}}, lists each deposit with the
 * payout it matched.
 */
@RestController
@RequestMapping("/api/v1/finance/bank-statements")
@Tag(name = "Finance")
class BankStatementsApi {

  /** The mapping as the API reads and writes it; columns count from 1. */
  record ColumnsBody(Integer dateColumn, Integer amountColumn, Integer referenceColumn, Integer currencyColumn,
      Boolean headerRow, String dateOrder, String currency) {

    static ColumnsBody of(StatementColumns c) {
      return new ColumnsBody(c.dateColumn(), c.amountColumn(), c.referenceColumn(), c.currencyColumn(),
          c.headerRow(), c.dateOrder().name(), c.currency());
    }

    StatementColumns columns() {
      return StatementColumns.parse(text(dateColumn), text(amountColumn), text(referenceColumn),
          text(currencyColumn), headerRow, dateOrder, currency);
    }

    private static String text(Integer n) {
      return n == null ? null : n.toString();
    }
  }

  private final BankStatements statements;

  BankStatementsApi(BankStatements statements) {
    this.statements = statements;
  }

  @PostMapping(consumes = {"text/csv", "text/plain", "application/csv", "application/octet-stream"})
  @PreAuthorize("hasAuthority('FINANCE_EDIT')")
  ResponseEntity<BankStatementView> upload(@AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String fileName, @RequestBody(required = false) String csv) {
    BankStatementView view = BankStatementView.ofUpload(statements.upload(caller, fileName, csv));
    return ResponseEntity.created(URI.create("/api/v1/finance/bank-statements/" + view.id())).body(view);
  }

  @GetMapping("/{id}")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  BankStatementView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return BankStatementView.of(statements.statement(caller.organizationId(), id));
  }

  @GetMapping("/columns")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  ColumnsBody columns(@AuthenticationPrincipal Caller caller) {
    return ColumnsBody.of(statements.columns(caller.organizationId()));
  }

  @PutMapping("/columns")
  @PreAuthorize("hasAuthority('FINANCE_EDIT')")
  ColumnsBody saveColumns(@AuthenticationPrincipal Caller caller, @RequestBody ColumnsBody body) {
    StatementColumns columns = body.columns();
    statements.saveColumns(caller, columns);
    return ColumnsBody.of(columns);
  }
}
