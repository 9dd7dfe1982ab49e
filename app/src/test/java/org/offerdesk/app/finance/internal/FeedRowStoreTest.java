package org.offerdesk.app.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feed rows written as a sync's batches write them (COPY into the staging table, one upsert): each key keeps its
 * latest version (latest {@code valid_from}, then {@code update_date}; of equal versions the first read) within a
 * batch and across batches, whatever order the versions come in; a deleted row stays deleted against an older
 * version; a row without a key is skipped; a cell's tab, backslash and line end arrive as they were; the answer
 * counts the rows that were new; a batch delivered again changes nothing.
 */
@OfferDeskTest
class FeedRowStoreTest {

  static final List<String> HEADER = List.of("billing_event_id", "action", "transaction_type", "amount", "currency",
      "invoice_id", "bank_trace_id", "valid_from", "update_date", "delete_date");

  @Autowired ApplicationContext context;
  @Autowired FeedRowStore rows;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;

  @Test
  void each_billing_event_keeps_its_latest_version_across_batches_and_redeliveries() {
    UUID org = new TestTenants(context).seller("Feed Rows Co").organizationId();
    UUID sync = UUID.randomUUID();
    List<List<String>> first = List.of(
        row("be-1", "10.00", "a", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", ""),
        row("be-1", "11.00", "b", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z", ""),
        row("be-1", "12.00", "c", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z", ""),
        row("be-2", "20.00", "tab\there, back\\slash\nand a line", "2026-01-01T00:00:00Z", "", ""),
        row(" ", "99.00", "no key", "2026-01-01T00:00:00Z", "", ""));
    assertThat(write(org, sync, first)).isEqualTo(2);
    assertThat(stored(org)).isEqualTo(Map.of(
        "be-1", "11.000000|b|false",
        "be-2", "20.000000|tab\there, back\\slash\nand a line|false"));

    // Later: an older version of be-1 (kept out), be-2 deleted by a later valid_from, a new be-3.
    List<List<String>> second = List.of(
        row("be-1", "9.00", "old", "2025-12-01T00:00:00Z", "2026-02-01T00:00:00Z", ""),
        row("be-2", "21.00", "gone", "2026-01-05T00:00:00Z", "", "2026-01-05T00:00:00Z"),
        row("be-3", "30.00", "new", "", "", ""));
    assertThat(write(org, sync, second)).isEqualTo(1);
    // An older version of be-2 read after its deletion does not bring it back.
    assertThat(write(org, sync, List.of(row("be-2", "22.00", "back", "2026-01-02T00:00:00Z", "", "")))).isZero();
    Map<String, String> expected = Map.of(
        "be-1", "11.000000|b|false",
        "be-2", "21.000000|gone|true",
        "be-3", "30.000000|new|false");
    assertThat(stored(org)).isEqualTo(expected);

    // A duplicated delivery (the same batches again) changes nothing and is not new.
    assertThat(write(org, sync, first) + write(org, sync, second)).isZero();
    assertThat(stored(org)).isEqualTo(expected);
  }

  @Test
  void cells_are_read_from_the_files_bytes_as_the_csv_says() {
    UUID org = new TestTenants(context).seller("Feed Bytes Co").organizationId();
    String csv = String.join("\n",
        // unquoted cells with spaces around them; fewer cells than the header (the rest empty)
        " be-7 ,INVOICED,SELLER_REV_SHARE, 70.00 ,USD,inv-1,\" say \"\"hi\"\", Zoë \",2026-01-01T00:00:00Z",
        // more cells than the header (the rest ignored); a tab and a backslash inside a cell; a CRLF line end
        "be-8,INVOICED,SELLER_REV_SHARE,80.00,USD,inv-1,plain\tcell\\x,,,,extra\r",
        // a quoted key of only spaces: skipped
        "\"  \",INVOICED,SELLER_REV_SHARE,90.00,USD,inv-1,none,,,",
        "");
    FeedReader.Batch batch = new FeedReader(
        new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 0).next(10);

    int fresh = tx.execute(s -> rows.write(org, FeedTable.BILLING_EVENT, HEADER, batch, UUID.randomUUID()));
    assertThat(fresh).isEqualTo(2);
    assertThat(stored(org)).isEqualTo(Map.of(
        "be-7", "70.000000|say \"hi\", Zoë|false",
        "be-8", "80.000000|plain\tcell\\x|false"));
  }

  /**
   * A batch of new keys goes straight to the table by COPY; one with a stored key goes through the staging table and
   * the upsert: both store the same values for the same cells (empty, blank and missing cells, flags, amounts, times,
   * a delete date).
   */
  @Test
  void a_new_batch_copied_to_the_table_stores_what_the_upsert_stores() {
    List<String> header = List.of("billing_event_id", "action", "transaction_type", "parent_billing_event_id",
        "amount", "currency", "balance_impacting", "invoice_id", "invoice_date", "payment_due_date", "agreement_id",
        "charge_side", "valid_from", "update_date", "delete_date");
    String csv = String.join("\n",
        "be-1,INVOICED,SELLER_REV_SHARE,,10.50,USD,1,inv-1,2026-01-01T00:00:00Z,2026-01-31 00:00:00,agmt-1,SELLING,"
            + "2026-01-01T00:00:00Z,,",
        "be-2, COLLECTED , ,  , ,USD, TRUE ,inv-1, ,,\"  \",,,,",
        "be-3,DISBURSED,SELLER_REV_SHARE,be-1,-3,EUR,yes,inv-2,2026-01-02T10:00:00+02:00,,agmt-2,BUYING,,"
            + "2026-01-03T00:00:00Z,2026-01-04T00:00:00Z",
        "be-4,INVOICED,AWS_REV_SHARE,,\" 1000 \"",
        "be-5,,,,0.001,USD,0,inv-3,,,,,,,\"\"",
        "");
    UUID sync = UUID.randomUUID();
    UUID copied = new TestTenants(context).seller("Feed Copy Co").organizationId();
    UUID upserted = new TestTenants(context).seller("Feed Upsert Co").organizationId();
    String stored = "be-0,INVOICED,SELLER_REV_SHARE,,1,USD,1,inv-0,,,,,2026-01-01T00:00:00Z,,\n";
    assertThat(writeBytes(upserted, header, stored, sync))
        .isEqualTo(1);

    String batch = csv;
    assertThat(writeBytes(copied, header, batch, sync))
        .isEqualTo(5);
    // the stored be-0 again, a later version: the batch is upserted, and its five other rows counted new
    String withStored = batch + stored.replace("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");
    assertThat(writeBytes(upserted, header, withStored, sync))
        .isEqualTo(5);

    assertThat(everyColumn(copied)).hasSize(5).isEqualTo(everyColumn(upserted));
  }

  /**
   * A batch whose times carry their offset and whose amounts are plain decimals goes by COPY's binary format; a batch
   * with a time without its zone goes as text. Both store what the upsert's casts store, cell by cell.
   */
  @Test
  void a_batch_copied_in_binary_stores_what_the_upsert_stores() {
    List<String> header = List.of("billing_event_id", "action", "transaction_type", "parent_billing_event_id",
        "amount", "currency", "balance_impacting", "invoice_id", "invoice_date", "payment_due_date", "action_date",
        "agreement_id", "charge_side", "valid_from", "update_date", "delete_date");
    String csv = String.join("\n",
        "be-1,INVOICED,SELLER_REV_SHARE,,10.50,USD,1,inv-1,2026-01-01T00:00:00Z,2026-01-31 23:59:59.5+00,"
            + "2024-02-29T12:30:00.123456-05:30,agmt-1,SELLING,2026-01-01T00:00:00Z,,",
        "be-2, COLLECTED , ,  , ,USD, TRUE ,inv-1, 2026-03-01 00:00:00+0100 ,,1999-12-31T23:59:59.000001Z,\"  \",,,,",
        "be-3,DISBURSED,SELLER_REV_SHARE,be-1,-3,EUR,yes,inv-2,2026-01-02T10:00:00+02,,,agmt-2,BUYING,,"
            + "2026-01-03T00:00:00Z,2026-01-04T00:00:00Z",
        "be-4,INVOICED,AWS_REV_SHARE,,\" +1000 \",,,,1900-01-01T00:00:00-14:00",
        "be-5,,,,0.001,USD,0,inv-3,,,,,,,,\"\"",
        "be-6,REFUNDED,\"say \"\"hi\"\", Zoë\",,-0.00,USD,,inv-4,2026-07-15T08:00:00.1Z",
        "be-7,INVOICED,SELLER_REV_SHARE,,12345678.1234564,USD,,inv-5,2026-12-31T23:59:59+15:59",
        "be-8,INVOICED,SELLER_REV_SHARE,,00000.50,USD,,inv-6,2026-01-01T00:00:00.000000Z",
        "");
    UUID any = UUID.randomUUID();
    assertThat(FeedRowStore.binary(any, FeedTable.BILLING_EVENT, header, bytes(csv), any)).isNotNull();
    assertThat(FeedRowStore.binary(any, FeedTable.BILLING_EVENT, header,
        bytes("be-9,INVOICED,X,,1,USD,1,inv-9,2026-01-31 00:00:00\n"), any)).as("no zone: as text").isNull();
    assertThat(FeedRowStore.binary(any, FeedTable.BILLING_EVENT, header, bytes("be-9,INVOICED,X,,1e3\n"), any))
        .as("an exponent: as text").isNull();
    assertThat(FeedRowStore.binary(any, FeedTable.BILLING_EVENT, header,
        bytes("be-9,INVOICED,X,,1,USD,1,inv-9,2026-02-30T00:00:00Z\n"), any)).as("no such day: as text").isNull();
    // an earlier batch's array, written over from its start, holds the same rows as a new one
    FeedBinary.Binary fresh = FeedRowStore.binary(any, FeedTable.BILLING_EVENT, header, bytes(csv), any);
    byte[] dirty = new byte[1 << 16];
    java.util.Arrays.fill(dirty, (byte) 0x7f);
    FeedBinary.Binary reused = FeedRowStore.prepare(any, FeedTable.BILLING_EVENT, header, bytes(csv), any, dirty)
        .binary();
    assertThat(reused.bytes()).isSameAs(dirty);
    assertThat(java.util.Arrays.copyOf(reused.bytes(), reused.length()))
        .isEqualTo(java.util.Arrays.copyOf(fresh.bytes(), fresh.length()));

    UUID sync = UUID.randomUUID();
    UUID copied = new TestTenants(context).seller("Feed Binary Co").organizationId();
    UUID upserted = new TestTenants(context).seller("Feed Binary Upsert Co").organizationId();
    String stored = "be-0,INVOICED,SELLER_REV_SHARE,,1,USD,1,inv-0,,,,,,2026-01-01T00:00:00Z,,\n";
    assertThat(writeBytes(upserted, header, stored, sync)).isEqualTo(1);
    assertThat(writeBytes(copied, header, csv, sync)).isEqualTo(8);
    String withStored = csv + stored.replace("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");
    assertThat(writeBytes(upserted, header, withStored, sync)).isEqualTo(8);
    assertThat(everyColumn(copied)).hasSize(8).isEqualTo(everyColumn(upserted));
  }

  private int writeBytes(UUID org, List<String> header, String csv, UUID sync) {
    Integer fresh = tx.execute(s -> rows.write(org, FeedTable.BILLING_EVENT, header, bytes(csv), sync));
    return fresh;
  }

  private static FeedReader.Batch bytes(String csv) {
    return new FeedReader(new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 0)
        .next(Integer.MAX_VALUE);
  }

  private List<String> everyColumn(UUID org) {
    return jdbc.sql("SELECT (to_jsonb(e) - 'organization_id')::text FROM finance_billing_event e"
        + " WHERE organization_id = ? AND billing_event_id <> 'be-0' ORDER BY billing_event_id").param(org)
        .query(String.class).list();
  }

  private int write(UUID org, UUID sync, List<List<String>> records) {
    return tx.execute(s -> rows.write(org, FeedTable.BILLING_EVENT, HEADER, batch(records), sync));
  }

  /** The records as a feed file holds them (every cell quoted, as RFC 4180 allows), read as a sync reads them. */
  private static FeedReader.Batch batch(List<List<String>> records) {
    StringBuilder csv = new StringBuilder();
    for (List<String> record : records) {
      csv.append(record.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"")
          .collect(java.util.stream.Collectors.joining(","))).append('\n');
    }
    return new FeedReader(new java.io.ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), 0)
        .next(Integer.MAX_VALUE);
  }

  private static List<String> row(String id, String amount, String trace, String validFrom, String updated,
      String deleted) {
    return List.of(id, "INVOICED", "SELLER_REV_SHARE", amount, "USD", "inv-1", trace, validFrom, updated, deleted);
  }

  private Map<String, String> stored(UUID org) {
    return jdbc.sql("SELECT billing_event_id, amount, bank_trace_id, deleted FROM finance_billing_event"
        + " WHERE organization_id = ?").param(org)
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getBigDecimal(2).toPlainString() + "|" + rs.getString(3)
            + "|" + rs.getBoolean(4)))
        .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
