package org.offerdesk.sandbox.billing;

import java.util.List;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The money side's pages: the buyer console's Pay button, and {@code /sandbox/disbursements}, where each
 * seller's and reseller's disbursement settings are shown and changed (a bad bank account included).
 */
@Controller
class BillingConsoleController {

  private final Accounts accounts;
  private final BillingSettings settings;
  private final Payouts payouts;

  BillingConsoleController(Accounts accounts, BillingSettings settings, Payouts payouts) {
    this.accounts = accounts;
    this.settings = settings;
    this.payouts = payouts;
  }

  @PostMapping("/sandbox/buyer/invoices/{invoiceId}/pay")
  String pay(@PathVariable String invoiceId, @RequestParam("account") String account) {
    payouts.pay(invoiceId);
    return "redirect:/sandbox/buyer?account=" + account;
  }

  /** An account paid out by the marketplace, with its settings. */
  record Payee(Account account, DisbursementSettings settings) {}

  @GetMapping("/sandbox/disbursements")
  String page(Model model) {
    List<Payee> payees = accounts.all().stream().filter(a -> a.kind().signsApiCalls())
        .map(a -> new Payee(a, settings.disbursementSettings(a.id().value()))).toList();
    model.addAttribute("payees", payees);
    return "sandbox/disbursements";
  }

  @PostMapping("/sandbox/disbursements/{accountId}")
  String change(@PathVariable String accountId, @RequestParam("frequency") String frequency,
      @RequestParam(name = "dayOfMonth", required = false) Integer dayOfMonth,
      @RequestParam(name = "bankAccountValid", defaultValue = "false") boolean bankAccountValid) {
    accounts.find(accountId).filter(a -> a.kind().signsApiCalls())
        .orElseThrow(() -> new IllegalArgumentException("No seller or reseller " + accountId));
    DisbursementSettings.Frequency f = DisbursementSettings.Frequency.valueOf(frequency);
    payouts.change(accountId, new DisbursementSettings(f, f == DisbursementSettings.Frequency.MONTHLY ? dayOfMonth : null,
        bankAccountValid));
    return "redirect:/sandbox/disbursements";
  }
}
