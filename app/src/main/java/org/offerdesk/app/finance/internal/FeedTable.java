package org.offerdesk.app.finance.internal;

import java.util.List;

/**
 * A seller data feed OfferDesk reads, and the table its current rows are kept in. Columns are named as in
 * the feed's header (the table uses the same names), so a file's columns are found by name, in any order.
 */
enum FeedTable {
  BILLING_EVENT("billingeventfeed_v1", "finance_billing_event", "billing_event_id", List.of(
      text("billing_event_id"), required("action"), required("transaction_type"), text("parent_billing_event_id"),
      text("disbursement_billing_event_id"), amount("amount"), required("currency"), flag("balance_impacting"),
      text("invoice_id"), time("invoice_date"), time("payment_due_date"), text("bank_trace_id"), text("agreement_id"),
      text("offer_id"), text("disbursement_reference_number"), time("action_date"), text("invoice_variant"),
      text("charge_variant"), text("charge_side"))),
  AGREEMENT("agreementfeed_v1", "finance_agreement", "agreement_id", List.of(
      text("agreement_id"), text("offer_id"), text("proposer_account_id"), text("acceptor_account_id"),
      time("start_time"), time("end_time"), time("acceptance_time"), text("intent"), text("status"),
      text("currency_code"), number("estimated_agreement_value"))),
  OFFER("offerfeed_v1", "finance_offer", "offer_id", List.of(
      text("offer_id"), text("offer_revision"), text("name"), text("opportunity_id"), text("seller_account_id"),
      text("recipient_account_id")));

  /**
   * A column, how its text becomes SQL ({@code %s} is the text cell, for the upsert from the staging table), and
   * the same rule as a cell of {@code COPY} text straight into the table ({@link FeedCopy#copyRows}).
   */
  record Column(String name, String sql, Cell cell) {}

  /** How a (stripped) text cell becomes a column's value; each rule is its {@link Column#sql()} in Java. */
  enum Cell {
    /** Text, NULL when empty. */
    TEXT,
    /** Text the table requires: an empty cell is an empty string. */
    REQUIRED,
    /** A number (or a time: the column type's own input), NULL when empty. */
    TYPED,
    /** A number, 0 when empty. */
    AMOUNT,
    /** A boolean: true for {@code 1} or {@code true} in any case, false otherwise. */
    FLAG,
    /** True when the cell is not empty ({@code delete_date}: the row is deleted). */
    PRESENT
  }

  /** The historization columns every feed ends with that versioning needs. */
  static final List<String> VERSIONING = List.of("valid_from", "update_date", "delete_date");

  private final String folder;
  private final String table;
  private final String key;
  private final List<Column> columns;

  FeedTable(String folder, String table, String key, List<Column> columns) {
    this.folder = folder;
    this.table = table;
    this.key = key;
    this.columns = columns;
  }

  String folder() {
    return folder;
  }

  String table() {
    return table;
  }

  String key() {
    return key;
  }

  List<Column> columns() {
    return columns;
  }

  private static Column text(String name) {
    return new Column(name, "NULLIF(%s, '')", Cell.TEXT);
  }

  /** Text the table requires: an empty cell is an empty string. */
  private static Column required(String name) {
    return new Column(name, "coalesce(%s, '')", Cell.REQUIRED);
  }

  private static Column number(String name) {
    return new Column(name, "CAST(NULLIF(%s, '') AS numeric)", Cell.TYPED);
  }

  private static Column amount(String name) {
    return new Column(name, "coalesce(CAST(NULLIF(%s, '') AS numeric), 0)", Cell.AMOUNT);
  }

  private static Column time(String name) {
    return new Column(name, "CAST(NULLIF(%s, '') AS timestamptz)", Cell.TYPED);
  }

  private static Column flag(String name) {
    return new Column(name, "(%s = '1' OR lower(%s) = 'true')", Cell.FLAG);
  }
}
