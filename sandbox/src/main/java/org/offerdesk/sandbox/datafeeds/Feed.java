package org.offerdesk.sandbox.datafeeds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The feeds the sandbox delivers, named after AWS's Glue tables, with AWS's columns in the order of their
 * CSV header. Every feed ends with the historization columns and {@code catalog}.
 */
public enum Feed {
  BILLING_EVENT("billingeventfeed_v1", List.of("billing_event_id", "from_account_id", "to_account_id",
      "end_user_account_id", "product_id", "action", "transaction_type", "parent_billing_event_id",
      "disbursement_billing_event_id", "amount", "currency", "balance_impacting", "invoice_date", "payment_due_date",
      "usage_period_start_date", "usage_period_end_date", "invoice_id", "billing_address_id",
      "transaction_reference_id", "bank_trace_id", "broker_id", "agreement_id", "offer_id", "buyer_invoice_id",
      "buyer_invoice_date", "buyer_line_item_id", "line_item_id", "buyer_transaction_reference_id",
      "disbursement_amount", "disbursement_currency", "disbursement_reference_number", "action_date",
      "invoice_variant", "charge_variant", "charge_side", "recipient_account_id")),
  ACCOUNT("accountfeed_v1", List.of("account_id", "aws_account_id", "encrypted_account_id", "mailing_address_id",
      "tax_address_id", "tax_registration_number", "tax_legal_name")),
  ADDRESS("addressfeed_v1", List.of("address_id", "company_name", "email_domain", "country_code", "state_or_region",
      "city", "postal_code", "valid_to")),
  AGREEMENT("agreementfeed_v1", List.of("agreement_id", "offer_id", "offer_set_id", "proposer_account_id",
      "acceptor_account_id", "start_time", "end_time", "acceptance_time", "intent", "preceding_agreement_id", "status",
      "status_reason_code", "currency_code", "estimated_agreement_value", "license_ids")),
  OFFER("offerfeed_v1", List.of("offer_id", "offer_revision", "name", "expiration_date", "opportunity_id",
      "opportunity_name", "opportunity_description", "seller_account_id", "recipient_account_id")),
  OFFER_TARGET("offertargetfeed_v1", List.of("offer_target_id", "offer_id", "offer_revision", "target_type",
      "polarity", "value")),
  PRODUCT("productfeed_v1", List.of("product_id", "manufacturer_account_id", "product_code", "title")),
  LEGACY_ID_MAPPING("legacyidmappingfeed_v1", List.of("mapping_type", "legacy_id", "new_id"));

  /** What every feed has after its own columns (a holder, as enum constructors cannot read the enum's statics). */
  static final class Historization {
    static final List<String> COLUMNS = List.of("valid_from", "insert_date", "update_date", "delete_date", "catalog");

    private Historization() {}
  }

  private final String folder;
  private final List<String> columns;

  Feed(String folder, List<String> ownColumns) {
    this.folder = folder;
    List<String> all = new ArrayList<>(ownColumns);
    all.addAll(Historization.COLUMNS);
    this.columns = List.copyOf(all);
  }

  /** The feed's name, which is also its top-level folder in the bucket. */
  public String folder() {
    return folder;
  }

  public List<String> columns() {
    return columns;
  }

  /** The key of the month's file: {@code <feed>/year=YYYY/month=MM/data.csv}. */
  public String key(LocalDate day) {
    return folder + monthKey(day);
  }

  /** What follows the feed's folder in the key of {@code day}'s month file. */
  static String monthKey(LocalDate day) {
    return String.format("/year=%04d/month=%02d/data.csv", day.getYear(), day.getMonthValue());
  }
}
