package org.offerdesk.sandbox.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.sandbox.agreements.Agreement;
import org.offerdesk.sandbox.agreements.Agreements;
import org.offerdesk.sandbox.events.MarketplaceEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Billing adjustments: kept as requested (table {@code billing_adjustment}), completed by the billing cycle
 * as a refund. A completed adjustment is a credit memo on the original invoice, {@code *_REFUND} rows in
 * the parties' feeds (the listing fee returned in proportion, and on a channel deal the wholesale price
 * too) and the {@code Purchase Agreement Billing Adjustment Completed} events.
 */
@Component
class BillingAdjustments {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "billing_adjustment_request_id, agreement_id, original_invoice_id, "
      + "requester_account_id, adjustment_amount, currency_code, reason_code, description, client_token, status, "
      + "status_message, created_at, updated_at";

  private final JdbcTemplate jdbc;
  private final Agreements agreements;
  private final Invoices invoices;
  private final BillingEvents events;
  private final DueWork work;
  private final MarketplaceEvents marketplaceEvents;

  BillingAdjustments(JdbcTemplate jdbc, Agreements agreements, Invoices invoices, BillingEvents events, DueWork work,
      MarketplaceEvents marketplaceEvents) {
    this.jdbc = jdbc;
    this.agreements = agreements;
    this.invoices = invoices;
    this.events = events;
    this.work = work;
    this.marketplaceEvents = marketplaceEvents;
  }

  /** What can still be refunded on an invoice: its amount less the adjustments requested or made. */
  BigDecimal maxAdjustment(Invoice invoice) {
    if (invoice.isCreditMemo() || !"PURCHASE".equals(invoice.invoiceVariant())) {
      return BigDecimal.ZERO.setScale(2);
    }
    BigDecimal adjusted = jdbc.queryForObject("SELECT coalesce(sum(adjustment_amount), 0) FROM billing_adjustment "
        + "WHERE original_invoice_id = ? AND status <> 'VALIDATION_FAILED'", BigDecimal.class, invoice.invoiceId());
    return invoice.amount().subtract(adjusted).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
  }

  Optional<BillingAdjustment> byClientToken(String requester, String clientToken) {
    return jdbc.query("SELECT " + COLUMNS + " FROM billing_adjustment WHERE requester_account_id = ? AND client_token = ?",
        BillingAdjustments::map, requester, clientToken).stream().findFirst();
  }

  Optional<BillingAdjustment> find(String id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM billing_adjustment WHERE billing_adjustment_request_id = ?",
        BillingAdjustments::map, id).stream().findFirst();
  }

  List<BillingAdjustment> ofRequester(String requester) {
    return jdbc.query("SELECT " + COLUMNS + " FROM billing_adjustment WHERE requester_account_id = ? "
        + "ORDER BY created_at, billing_adjustment_request_id", BillingAdjustments::map, requester);
  }

  /** Records a valid request as PENDING and plans its completion; the caller checked it. */
  BillingAdjustment request(Agreement a, Invoice invoice, String requester, BigDecimal amount, String reasonCode,
      String description, String clientToken, Instant now) {
    String id = "ba-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    jdbc.update("INSERT INTO billing_adjustment (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', NULL, ?, ?)",
        id, a.agreementId(), invoice.invoiceId(), requester, amount, invoice.currency().trim(), reasonCode, description,
        clientToken, Timestamp.from(now), Timestamp.from(now));
    work.schedule("adjust/" + id, DueWork.Kind.ADJUST, now, id);
    return find(id).orElseThrow();
  }

  /** Completes a pending adjustment at {@code at}: the refund's credit memo, rows and events. */
  void complete(String id, Instant at) {
    BillingAdjustment adj = find(id).filter(b -> b.status().equals("PENDING")).orElse(null);
    if (adj == null) {
      return;
    }
    Agreement a = agreements.find(adj.agreementId()).orElseThrow();
    Invoice original = invoices.find(adj.originalInvoiceId()).orElseThrow();
    BigDecimal refund = adj.amount();
    Invoice memo = creditMemo(original, "refund/" + id, refund, at);
    for (BillingEvents.Line line : events.invoiced(original.invoiceId())) {
      refundRow(line, memo, line.amount().multiply(refund).divide(original.amount(), 2, RoundingMode.HALF_UP).negate(), at);
    }
    for (Invoice resale : invoices.children(original.invoiceId())) {
      if (!"RESALE".equals(resale.invoiceVariant()) || resale.isCreditMemo()) {
        continue;
      }
      // the reseller gets back from the manufacturer the wholesale share of what it refunds
      BigDecimal share = resale.amount().multiply(refund).divide(original.amount(), 2, RoundingMode.HALF_UP);
      Invoice resaleMemo = creditMemo(resale, "refund/" + id, share, at);
      for (BillingEvents.Line line : events.invoiced(resale.invoiceId())) {
        refundRow(line, resaleMemo, line.amount().multiply(share).divide(resale.amount(), 2, RoundingMode.HALF_UP).negate(), at);
      }
    }
    jdbc.update("UPDATE billing_adjustment SET status = 'COMPLETED', credit_memo_id = ?, updated_at = ? "
        + "WHERE billing_adjustment_request_id = ?", memo.invoiceId(), Timestamp.from(at), id);
    announce(a, adj, at);
  }

  private Invoice creditMemo(Invoice original, String chargeKey, BigDecimal amount, Instant at) {
    Invoice memo = new Invoice(invoices.nextNumber(), original.agreementId(), "CREDIT_MEMO", original.invoiceVariant(),
        "REFUND", original.payerAccountId(), original.payeeAccountId(), amount.negate(), original.currency(), at, at, at,
        original.periodStart(), original.periodEnd(), original.invoiceId(), chargeKey);
    invoices.insert(memo);
    return memo;
  }

  private void refundRow(BillingEvents.Line line, Invoice memo, BigDecimal amount, Instant at) {
    BillingEvent row = BillingEvent.following(line, at, "INVOICED", line.transactionType() + "_REFUND", amount)
        .between(line.to(), line.from());
    row.invoiceId = memo.invoiceId();
    row.invoiceDate = at;
    row.transactionReference = memo.chargeKey();
    row.lineItemId = memo.invoiceId() + "-1";
    events.write(row);
  }

  private void announce(Agreement a, BillingAdjustment adj, Instant at) {
    ObjectNode detail = JSON.createObjectNode()
        .put("requestId", UUID.randomUUID().toString())
        .put("catalog", "AWSMarketplace");
    detail.putObject("agreement").put("id", a.agreementId());
    detail.putObject("billingAdjustmentRequest").put("id", adj.id())
        .put("adjustmentAmount", adj.amount().negate().setScale(2, RoundingMode.HALF_UP).toPlainString())
        .put("currencyCode", adj.currencyCode())
        .put("adjustmentReasonCode", adj.reasonCode());
    detail.putObject("invoice").put("originalInvoiceId", adj.originalInvoiceId());
    String detailType = "Purchase Agreement Billing Adjustment Completed";
    List<String> resources = List.of("arn:aws:aws-marketplace::aws:agreement:" + a.agreementId());
    marketplaceEvents.announce(a.proposerAccountId(), detailType + " - Proposer", "aws.agreement-marketplace", resources,
        detail, at);
    marketplaceEvents.announce(a.acceptorAccountId(), detailType + " - Acceptor", "aws.agreement-marketplace", resources,
        detail.deepCopy().put("requestId", UUID.randomUUID().toString()), at);
    if (a.hasReseller()) {
      marketplaceEvents.announce(a.manufacturer(), detailType + " - Manufacturer", "aws.agreement-marketplace", resources,
          detail.deepCopy().put("requestId", UUID.randomUUID().toString()), at);
    }
  }

  private static BillingAdjustment map(ResultSet rs, int row) throws SQLException {
    return new BillingAdjustment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
        rs.getString(6).trim(), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
        rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant());
  }
}
