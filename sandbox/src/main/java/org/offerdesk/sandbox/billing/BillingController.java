package org.offerdesk.sandbox.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.AccountKind;
import org.offerdesk.sandbox.accounts.Accounts;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The money side's control API: {@code PUT/GET /sandbox/accounts/{id}/payment-terms} (buyers),
 * {@code PUT/GET /sandbox/accounts/{id}/disbursement-settings} (sellers and resellers),
 * {@code GET /sandbox/accounts/{id}/invoices} and {@code POST /sandbox/invoices/{id}/pay}.
 */
@RestController
class BillingController {

  private final Accounts accounts;
  private final BillingSettings settings;
  private final Payouts payouts;
  private final Invoices invoices;
  private final Clock clock;

  BillingController(Accounts accounts, BillingSettings settings, Payouts payouts, Invoices invoices, Clock clock) {
    this.accounts = accounts;
    this.settings = settings;
    this.payouts = payouts;
    this.invoices = invoices;
    this.clock = clock;
  }

  @GetMapping("/sandbox/accounts/{accountId}/payment-terms")
  PaymentTerms paymentTerms(@PathVariable String accountId) {
    account(accountId, AccountKind.BUYER);
    return settings.paymentTerms(accountId);
  }

  @PutMapping("/sandbox/accounts/{accountId}/payment-terms")
  PaymentTerms setPaymentTerms(@PathVariable String accountId, @RequestBody Map<String, Object> body) {
    account(accountId, AccountKind.BUYER);
    PaymentTerms.Method method = PaymentTerms.Method.valueOf(String.valueOf(body.getOrDefault("method", "INVOICE")));
    PaymentTerms.Payment payment = PaymentTerms.Payment.valueOf(String.valueOf(body.getOrDefault("payment", "ON_DUE_DATE")));
    PaymentTerms terms = new PaymentTerms(method, number(body, "netDays", 30), payment, number(body, "lateDays", 0));
    settings.save(accountId, terms);
    return terms;
  }

  @GetMapping("/sandbox/accounts/{accountId}/disbursement-settings")
  DisbursementSettings disbursementSettings(@PathVariable String accountId) {
    payee(accountId);
    return settings.disbursementSettings(accountId);
  }

  @PutMapping("/sandbox/accounts/{accountId}/disbursement-settings")
  DisbursementSettings setDisbursementSettings(@PathVariable String accountId, @RequestBody Map<String, Object> body) {
    payee(accountId);
    DisbursementSettings s = new DisbursementSettings(
        DisbursementSettings.Frequency.valueOf(String.valueOf(body.getOrDefault("frequency", "DAILY"))),
        body.get("dayOfMonth") == null ? null : number(body, "dayOfMonth", 0),
        !Boolean.FALSE.equals(body.get("bankAccountValid")));
    payouts.change(accountId, s);
    return s;
  }

  /** An invoice as the control API and the buyer console show it. */
  record InvoiceView(String invoiceId, String agreementId, String invoiceType, String chargeKind, String sellerAccountId,
      BigDecimal amount, String currency, Instant issuedAt, Instant dueAt, Instant paidAt, String status) {
    static InvoiceView of(Invoice i, Instant now) {
      return new InvoiceView(i.invoiceId(), i.agreementId(), i.invoiceType(), i.chargeKind(), i.payeeAccountId(),
          i.amount(), i.currency().trim(), i.issuedAt(), i.dueAt(), i.paidAt(), i.status(now).name().toLowerCase());
    }
  }

  @GetMapping("/sandbox/accounts/{accountId}/invoices")
  List<InvoiceView> invoices(@PathVariable String accountId) {
    account(accountId, AccountKind.BUYER);
    Instant now = clock.instant();
    return invoices.ofPayer(accountId).stream().map(i -> InvoiceView.of(i, now)).toList();
  }

  @PostMapping("/sandbox/invoices/{invoiceId}/pay")
  InvoiceView pay(@PathVariable String invoiceId) {
    Invoice paid = payouts.pay(invoiceId);
    return InvoiceView.of(paid, clock.instant());
  }

  private Account account(String accountId, AccountKind kind) {
    Account a = accounts.find(accountId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Account " + accountId + " does not exist"));
    if (a.kind() != kind) {
      throw new IllegalArgumentException("Account " + accountId + " is a " + a.kind() + ", not a " + kind);
    }
    return a;
  }

  private void payee(String accountId) {
    Account a = accounts.find(accountId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Account " + accountId + " does not exist"));
    if (!a.kind().signsApiCalls()) {
      throw new IllegalArgumentException("Only sellers and resellers are paid out; " + accountId + " is a buyer");
    }
  }

  private static int number(Map<String, Object> body, String field, int otherwise) {
    Object value = body.get(field);
    if (value == null) {
      return otherwise;
    }
    if (value instanceof Number n && n.doubleValue() == n.intValue()) {
      return n.intValue();
    }
    throw new IllegalArgumentException(field + " must be a whole number");
  }

  @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class})
  ResponseEntity<Map<String, String>> refused(Exception e) {
    return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
  }

  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, String>> notFound(ResponseStatusException e) {
    return ResponseEntity.status(e.getStatusCode()).body(Map.of("error", String.valueOf(e.getReason())));
  }
}
