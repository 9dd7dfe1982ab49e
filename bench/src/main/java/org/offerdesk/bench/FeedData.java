package org.offerdesk.bench;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import org.offerdesk.sandbox.datafeeds.Feed;
import org.postgresql.PGConnection;

/**
 * One month of a seller's data feeds, as AWS delivers them to the seller's bucket (CSV with the feeds' own
 * header), put straight into the embedded sandbox's S3 objects (its table {@code sandbox.s3_object}), and the
 * orders the agreements belong to, loaded with {@code COPY} into OfferDesk's {@code customer_order}.
 *
 * <p>The mix, per invoice (two invoices per agreement): 80% invoiced, collected and disbursed (6 rows: the
 * seller's share and AWS's fee, each invoiced, collected and disbursed), 10% collected and not yet paid out
 * (4 rows), 10% invoiced only, due next month (2 rows); about 25 payouts in the month (AWS's daily disbursement),
 * each a DISBURSEMENT row. 1 agreement in 200 has no order in OfferDesk (an exception to look at); its invoices
 * are not paid out yet. Seeded: every run is alike.
 */
public final class FeedData {

  /** The billing feed's columns, in the order of AWS's header (as the sandbox delivers them). */
  public static final List<String> BILLING_COLUMNS = Feed.BILLING_EVENT.columns();

  private static final int ROWS_PER_FILE = 50_000;
  private static final String SELLER = "111122223333";

  /** The month's objects (billing files first), how many billing rows, invoices and payouts they hold. */
  public record Month(List<String> billingKeys, List<byte[]> billingFiles, long rows, int invoices, int payouts,
      int agreements) {}

  private final SplittableRandom random = new SplittableRandom(7);
  private final LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1);
  private long nextEvent;

  /**
   * Writes about {@code rows} billing rows (and the month's agreement and offer files) into the sandbox's
   * bucket under {@code prefix}, and an order for 199 in 200 of the agreements.
   */
  public Month load(Connection c, UUID organization, String bucket, String prefix, long rows, Consumer<String> progress)
      throws SQLException {
    int agreements = (int) Math.max(1, rows / 10);
    String folder = String.format("year=%04d/month=%02d/", month.getYear(), month.getMonthValue());
    loadOrders(c, organization, agreements);
    StringBuilder agreementCsv = new StringBuilder("agreement_id,offer_id,offer_set_id,proposer_account_id,"
        + "acceptor_account_id,start_time,end_time,acceptance_time,intent,preceding_agreement_id,status,"
        + "status_reason_code,currency_code,estimated_agreement_value,license_ids,valid_from,insert_date,update_date,"
        + "delete_date,catalog\n");
    StringBuilder offerCsv = new StringBuilder("offer_id,offer_revision,name,expiration_date,opportunity_id,"
        + "opportunity_name,opportunity_description,seller_account_id,recipient_account_id,valid_from,insert_date,"
        + "update_date,delete_date,catalog\n");
    String start = month.atStartOfDay().toInstant(ZoneOffset.UTC).toString();
    for (int a = 0; a < agreements; a++) {
      agreementCsv.append(agreement(a)).append(",offer-").append(a).append(",,").append(SELLER).append(',')
          .append(buyer(a)).append(',').append(start).append(",,").append(start).append(",NEW,,ACTIVE,,USD,")
          .append(50_000 + (a % 40) * 10_000).append(",,").append(start).append(',').append(start).append(',')
          .append(start).append(",,AWSMarketplace\n");
      offerCsv.append("offer-").append(a).append(",1,Bench offer ").append(a).append(",,,,,").append(SELLER)
          .append(',').append(buyer(a)).append(',').append(start).append(',').append(start).append(',').append(start)
          .append(",,AWSMarketplace\n");
    }
    put(c, bucket, prefix + "agreementfeed_v1/" + folder + "data.csv", agreementCsv.toString().getBytes(StandardCharsets.UTF_8));
    put(c, bucket, prefix + "offerfeed_v1/" + folder + "data.csv", offerCsv.toString().getBytes(StandardCharsets.UTF_8));
    List<String> keys = new ArrayList<>();
    List<byte[]> files = new ArrayList<>();
    StringBuilder csv = header();
    long written = 0;
    int invoices = 0;
    int payouts = 0;
    List<String[]> awaitingPayout = new ArrayList<>();
    long linesPerPayout = Math.max(200, rows / 25);
    while (written < rows) {
      int agreement = (invoices / 2) % agreements;
      String invoice = "inv-" + invoices++;
      // An agreement without an order is invoiced but not yet paid out: the payouts stay reconcilable.
      int kind = agreement % 200 == 199 ? 9 : random.nextInt(10);
      BigDecimal amount = BigDecimal.valueOf(1_000 + random.nextInt(99_000), 2);
      BigDecimal fee = amount.multiply(new BigDecimal("0.03")).setScale(2, RoundingMode.HALF_UP);
      Instant invoiced = month.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(27 * 86_400));
      Instant due = kind == 9 ? invoiced.plusSeconds(40L * 86_400) : invoiced.plusSeconds(30L * 86_400);
      String[] seller = {invoice, agreement(agreement), amount.toPlainString()};
      String[] aws = {invoice, agreement(agreement), fee.negate().toPlainString()};
      row(csv, "INVOICED", "SELLER_REV_SHARE", null, seller, invoiced, due, 1);
      row(csv, "INVOICED", "AWS_REV_SHARE", null, aws, invoiced, due, 1);
      written += 2;
      if (kind < 9) {
        row(csv, "COLLECTED", "SELLER_REV_SHARE", null, seller, invoiced.plusSeconds(86_400), due, 0);
        row(csv, "COLLECTED", "AWS_REV_SHARE", null, aws, invoiced.plusSeconds(86_400), due, 0);
        written += 2;
      }
      if (kind < 8) {
        awaitingPayout.add(seller);
        awaitingPayout.add(aws);
      }
      if (awaitingPayout.size() >= linesPerPayout || (written >= rows && !awaitingPayout.isEmpty())) {
        String payout = "payout-" + payouts++;
        Instant paid = invoiced.plusSeconds(2L * 86_400);
        BigDecimal net = BigDecimal.ZERO;
        for (String[] line : awaitingPayout) {
          BigDecimal lineAmount = new BigDecimal(line[2]);
          net = net.add(lineAmount);
          row(csv, "DISBURSED", lineAmount.signum() > 0 ? "SELLER_REV_SHARE" : "AWS_REV_SHARE", payout, new String[] {line[0], line[1], lineAmount.negate().toPlainString()}, paid,
              null, 0);
        }
        csv.append(payout).append(',').append("AWS,").append(SELLER).append(",,,DISBURSED,DISBURSEMENT,,,")
            .append(net.toPlainString()).append(",USD,0,").append(paid).append(",,,,,,,").append(100_000 + payouts)
            .append(",,,,,,,,,,,REF").append(payouts).append(',').append(paid).append(",,,,,")
            .append(paid).append(',').append(paid).append(',').append(paid).append(",,AWSMarketplace\n");
        written += awaitingPayout.size() + 1;
        awaitingPayout.clear();
      }
      if (nextEvent >= (long) (keys.size() + 1) * ROWS_PER_FILE || written >= rows) {
        keys.add(prefix + "billingeventfeed_v1/" + folder + String.format("part-%05d.csv", keys.size()));
        files.add(csv.toString().getBytes(StandardCharsets.UTF_8));
        put(c, bucket, keys.get(keys.size() - 1), files.get(files.size() - 1));
        csv = header();
        progress.accept(String.format("feed data: %,d of %,d billing rows", written, rows));
      }
    }
    return new Month(keys, files, written, invoices, payouts, agreements);
  }

  private static StringBuilder header() {
    return new StringBuilder(String.join(",", BILLING_COLUMNS)).append('\n');
  }

  /** One billing row: {@code line} is invoice, agreement and amount. */
  private void row(StringBuilder csv, String action, String type, String payout, String[] line, Instant at,
      Instant due, int balanceImpacting) {
    String id = "be-" + nextEvent++;
    csv.append(id).append(",AWS,").append(SELLER).append(',').append(line[1].hashCode() & 0xfffffff).append(",prod-bench,")
        .append(action).append(',').append(type).append(",,").append(payout == null ? "" : payout).append(',')
        .append(line[2]).append(",USD,").append(balanceImpacting).append(',').append(at).append(',')
        .append(due == null ? "" : due.toString()).append(",,,").append(line[0]).append(",addr-1,txn-").append(id)
        .append(",,,").append(line[1]).append(",offer-").append(line[1].substring(3)).append(",,,,,,,,,")
        .append(at).append(",PURCHASE,,").append("SELLING,").append(SELLER).append(',').append(at).append(',')
        .append(at).append(',').append(at).append(",,AWSMarketplace\n");
  }

  private static String agreement(int a) {
    return "agr" + a;
  }

  private static String buyer(int a) {
    return String.format("%012d", 200_000_000_000L + a % 5_000);
  }

  /** An order per agreement but one in 200 (those the exceptions queue asks about). */
  private void loadOrders(Connection c, UUID organization, int agreements) throws SQLException {
    StringBuilder rows = new StringBuilder();
    String at = Instant.now().toString();
    for (int a = 0; a < agreements; a++) {
      if (a % 200 == 199) {
        continue;
      }
      rows.append(new UUID(random.nextLong(), random.nextLong())).append('\t').append(organization)
          .append("\tDIRECT\tPROVISIONED\t").append(agreement(a)).append("\toffer-").append(a).append('\t').append(buyer(a))
          .append("\tUSD\t{}\t").append(at).append('\t').append(at).append('\n');
    }
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY customer_order (id, organization_id, kind, status,"
          + " agreement_id, marketplace_offer_id, buyer_account_id, currency, terms, created_at, updated_at) FROM STDIN",
          new StringReader(rows.toString()));
    } catch (java.io.IOException e) {
      throw new SQLException(e);
    }
  }

  private static void put(Connection c, String bucket, String key, byte[] content) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO sandbox.s3_object (bucket, object_key, content, etag,"
        + " last_modified) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, bucket);
      s.setString(2, key);
      s.setBytes(3, content);
      s.setString(4, "\"" + UUID.nameUUIDFromBytes(content).toString().replace("-", "") + "\"");
      s.setTimestamp(5, Timestamp.from(Instant.now()));
      s.executeUpdate();
    }
  }
}
