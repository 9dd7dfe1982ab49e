package org.offerdesk.sandbox.accounts;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.offerdesk.sandbox.control.ControlAccess;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /sandbox/accounts}: lists the accounts with their keys (secret keys only for a caller with the
 * admin token, masked for anyone else), and opens new ones (answering the new account's own keys).
 */
@RestController
@RequestMapping("/sandbox/accounts")
class AccountsController {

  private final Accounts accounts;

  AccountsController(Accounts accounts) {
    this.accounts = accounts;
  }

  record AccountView(String accountId, String name, AccountKind kind, String accessKeyId, String secretAccessKey,
      String dataFeedBucket) {
    static AccountView of(Account a) {
      return new AccountView(a.id().value(), a.name(), a.kind(), a.accessKeyId(), a.secretAccessKey(), a.dataFeedBucket());
    }

    static AccountView masked(Account a) {
      return new AccountView(a.id().value(), a.name(), a.kind(), a.accessKeyId(), a.maskedSecretAccessKey(),
          a.dataFeedBucket());
    }
  }

  @GetMapping
  Map<String, List<AccountView>> list(HttpServletRequest request) {
    boolean secrets = ControlAccess.of(request).seesSecrets();
    return Map.of("items", accounts.all().stream().map(secrets ? AccountView::of : AccountView::masked).toList());
  }

  @PostMapping
  ResponseEntity<AccountView> open(@RequestBody Accounts.NewAccount request) {
    return ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(accounts.open(request)));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> refused(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }
}
