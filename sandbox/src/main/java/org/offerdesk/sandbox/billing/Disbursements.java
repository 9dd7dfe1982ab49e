package org.offerdesk.sandbox.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.sandbox.events.MarketplaceEvents;
import org.offerdesk.sandbox.faults.Faults;
import org.springframework.stereotype.Component;

/**
 * Payout runs. A run pays an account, per currency, every line of its feed whose invoice was collected in
 * full and that no payout covers yet: one DISBURSEMENT row (AWS to the account, positive, with a bank trace
 * ID and a disbursement reference number) and, for each line, a DISBURSED mirror of opposite sign pointing
 * to it. Nothing is paid while the balance is not positive or the bank account is invalid (a
 * {@code Disbursement Paused} event instead); an injected failure adds a DISBURSEMENT_FAILURE row and the
 * lines are paid by a later run; an injected rounding fault pays a cent more than the lines add up to.
 */
@Component
class Disbursements {

  static final String MARKETPLACE_SOURCE = "aws.marketplace";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BillingEvents events;
  private final BillingSettings settings;
  private final Collections collections;
  private final Faults faults;
  private final MarketplaceEvents marketplaceEvents;
  private final SecureRandom random = new SecureRandom();

  Disbursements(BillingEvents events, BillingSettings settings, Collections collections, Faults faults,
      MarketplaceEvents marketplaceEvents) {
    this.events = events;
    this.settings = settings;
    this.collections = collections;
    this.faults = faults;
    this.marketplaceEvents = marketplaceEvents;
  }

  /** The payout run of an account at {@code at}; answers the payout rows written. */
  List<String> run(String account, Instant at) {
    DisbursementSettings s = settings.disbursementSettings(account);
    if (!s.paysAt(at)) {
      // the settings changed since this run was planned: pay on the day they name now
      collections.schedulePayout(account, at);
      return List.of();
    }
    if (!s.bankAccountValid()) {
      paused(account, at);
      return List.of();
    }
    Map<String, List<BillingEvents.Line>> byCurrency = new LinkedHashMap<>();
    for (BillingEvents.Line line : events.awaitingPayout(account, at)) {
      byCurrency.computeIfAbsent(line.currency().trim(), c -> new ArrayList<>()).add(line);
    }
    List<String> payouts = new ArrayList<>();
    byCurrency.forEach((currency, lines) -> {
      BigDecimal net = lines.stream().map(BillingEvents.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
      if (net.signum() > 0) {
        payouts.add(payout(account, at, currency, net, lines));
      }
    });
    return payouts;
  }

  private String payout(String account, Instant at, String currency, BigDecimal net, List<BillingEvents.Line> lines) {
    String payoutId = events.newId();
    BigDecimal paid = faults.takePayoutOffByACent(account) ? net.add(new BigDecimal("0.01")) : net;
    BillingEvent payout = new BillingEvent(account, at, "DISBURSED", "DISBURSEMENT", paid, currency)
        .between(FeedAccounts.AWS, account);
    payout.balanceImpacting = 0;
    payout.invoiceDate = at;
    payout.bankTraceId = digits(15);
    payout.disbursementReference = UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
    events.write(payoutId, payout);
    for (BillingEvents.Line line : lines) {
      BillingEvent mirror = BillingEvent.following(line, at, "DISBURSED", line.transactionType(), line.amount().negate());
      mirror.disbursement = payoutId;
      mirror.balanceImpacting = 0;
      events.write(mirror);
    }
    if (faults.takePayoutFailure()) {
      BillingEvent failure = new BillingEvent(account, at, "DISBURSED", "DISBURSEMENT_FAILURE", paid.negate(), currency)
          .between(FeedAccounts.AWS, account);
      failure.parent = payoutId;
      failure.balanceImpacting = 0;
      failure.invoiceDate = at;
      failure.bankTraceId = payout.bankTraceId;
      events.write(failure);
      collections.schedulePayout(account, at);
    }
    return payoutId;
  }

  private void paused(String account, Instant at) {
    String instrument = "arn:aws:payments::" + account + ":payment-instrument/pi-sandbox-" + account;
    ObjectNode detail = JSON.createObjectNode()
        .put("requestId", UUID.randomUUID().toString())
        .put("accountId", account)
        .put("status", "PAUSED")
        .put("reason", "INVALID_BANK_ACCOUNT");
    detail.putObject("paymentInstrument").put("arn", instrument);
    marketplaceEvents.announce(account, "Disbursement Paused", MARKETPLACE_SOURCE, List.of(instrument), detail, at);
  }

  private String digits(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(random.nextInt(10));
    }
    return s.toString();
  }
}
