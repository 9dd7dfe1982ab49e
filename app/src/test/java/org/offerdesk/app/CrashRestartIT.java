package org.offerdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static org.offerdesk.app.support.LaunchedOfferDesk.freePort;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.LaunchedOfferDesk;
import org.offerdesk.sandbox.datafeeds.Feed;

/**
 * One data folder's life through the README's {@code ./run}, on as few starts as the checks allow, since each start
 * costs a process of its own (about 10 CPU-s):
 * <ul>
 *   <li>{@code ./run} with nothing configured but ports, the folder and the admin's password starts OfferDesk, the
 *       embedded sandbox and an embedded PostgreSQL; it is the run that records the class archive as it stops
 *       ({@code bin/launch-extracted});
 *   <li>started again after that normal stop, without the password, it keeps the data (the admin signs in with it,
 *       and the API token made before the stop is there);
 *   <li>that JVM is then killed with SIGKILL (as the kernel's out-of-memory killer does) in the middle of reading a
 *       billing feed file (some batches committed, the rest not); it leaves its embedded PostgreSQL running, and the
 *       next start must recover at the first attempt: stop that server, start its own, keep the data, and refuse
 *       only while another live instance owns the data folder;
 *   <li>after the kill its sync resumes and the ledger holds every row of the file exactly once, the same ledger a
 *       clean read of the same file gives another organization.
 * </ul>
 *
 * <p>Each step is a test of its own, run in that order on one instance of the class (each starts from the state the
 * step before left); a step after one that failed is skipped.
 *
 * <p>Kept cheap: a file of a few thousand rows read in small batches (so that the kill lands mid-file as
 * soon as the first batch is committed), syncs every second, a dead owner's job taken over after two.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRestartIT {

  /** A bound against hanging forever on a busy machine, not a speed requirement. */
  static final Duration WITHIN = Duration.ofMinutes(10);
  static final String PASSWORD = "crash-restart-password";
  static final int INVOICES = 600;
  static final String PREFIX = "kill-";

  final List<LaunchedOfferDesk> started = new ArrayList<>();
  Path dataDir;
  int port;
  int sandboxPort;
  FeedFile file;
  /** The last phase that passed: a phase starts from the state the one before it left, so none runs after a failure. */
  int passed;
  LaunchedOfferDesk first;
  Organization seller;
  Organization reseller;
  long orphan;
  Process second;
  long postmaster;

  @BeforeAll
  void aFolderOfItsOwn() throws IOException {
    dataDir = Files.createTempDirectory("offerdesk-crash-data");
    port = freePort();
    sandboxPort = freePort();
    file = FeedFile.month(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1), INVOICES);
  }

  @AfterAll
  void leave_nothing_running() throws Exception {
    LaunchedOfferDesk.stopAll(started, dataDir);
  }

  private void after(int phase) {
    assumeTrue(passed == phase, "an earlier phase of the folder's life failed");
  }

  @Test
  @Order(1)
  void run_starts_everything_on_an_empty_folder_with_nothing_configured_but_ports_and_the_password()
      throws Exception {
    // As a newcomer runs it: the README's command, nothing configured but the ports, the folder and the password.
    LaunchedOfferDesk fresh = run(Map.of("SERVER_PORT", "" + port, "OFFERDESK_SANDBOX_PORT", "" + sandboxPort,
        "OFFERDESK_DATA_DIR", dataDir.toString(), "OFFERDESK_ADMIN_PASSWORD", PASSWORD), "fresh", true);
    fresh.awaitReady(port, WITHIN);
    assertThat(log("fresh")).contains("open http://localhost:" + port + "/")
        .contains("Starting from the bean definitions made ahead of time")
        .contains("Starting AOT-processed SandboxApplication")
        .contains("Listening on 127.0.0.1 only")
        .contains("Sign in as admin@demo.offerdesk.local")
        .contains("Marketplace sandbox listening on 127.0.0.1:" + sandboxPort + " (loopback only")
        .contains("Sandbox admin token (generated");
    assertThat(LaunchedOfferDesk.get("http://localhost:" + sandboxPort + "/actuator/health")).contains("\"UP\"");
    assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
    Http browser = new Http(port);
    assertThat(browser.signIn("admin@demo.offerdesk.local", PASSWORD).header("Location")).endsWith("/dashboard");
    String csrf = browser.csrfFrom("/settings/tokens");
    assertThat(browser.postForm("/settings/tokens", Map.of("name", "survives-restart"), csrf).status())
        .isEqualTo(302);
    fresh.stop();
    passed = 1;
  }

  @Test
  @Order(2)
  void started_again_after_a_normal_stop_without_the_password_it_keeps_its_data() throws Exception {
    after(1);
    // Killed in the next phase, so it may not record the class archive.
    first = run(Map.of("SERVER_PORT", "" + port, "OFFERDESK_SANDBOX_PORT", "" + sandboxPort,
        "OFFERDESK_DATA_DIR", dataDir.toString()), "first", false, SYNC_OPTIONS);
    first.awaitReady(port, WITHIN);
    Http again = new Http(port);
    assertThat(again.signIn("admin@demo.offerdesk.local", PASSWORD).header("Location")).endsWith("/dashboard");
    assertThat(again.get("/settings/tokens").body()).as("the data survived the stop").contains("survives-restart");
    passed = 2;
  }

  @Test
  @Order(3)
  void killed_mid_sync_it_recovers_at_the_first_attempt_and_its_sync_ends_with_the_ledger_of_a_clean_read()
      throws Exception {
    after(2);
    orphan = LaunchedOfferDesk.postmasterPid(dataDir).orElseThrow();
    try (Connection db = connect()) {
      seller = organization(db, "Demo ISV");
      reseller = organization(db, "Demo Reseller");
      put(db, seller.bucket(), file);
      // SIGKILL as soon as the first batch is committed: the rest of the file is not read yet.
      awaitCommitted(db, seller, file, first.process());
      first.process().destroyForcibly();
      assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
          .as("PostgreSQL outlives its killed JVM, as in the incident").contains(true);
      long committed = rowsRead(db, seller, file);
      assertThat(committed).as("killed in the middle of the file").isPositive().isLessThan(file.lines());
      assertThat(billingRows(db, seller)).isNotEmpty().hasSizeLessThan(file.latest().size());
    }

    LaunchedOfferDesk secondStart = start(environment(port, sandboxPort), "second");
    secondStart.awaitReady(port, WITHIN);
    second = secondStart.process();
    assertThat(log("second")).contains("PostgreSQL (pid " + orphan + ") is still running")
        .doesNotContain("lock file \"postmaster.pid\" already exists");
    assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
    postmaster = LaunchedOfferDesk.postmasterPid(dataDir).orElseThrow();
    assertThat(postmaster).isNotEqualTo(orphan);
    assertThat(new Http("http://127.0.0.1:" + port).signIn("admin@demo.offerdesk.local", PASSWORD)
        .header("Location")).as("the data survived the crash").endsWith("/dashboard");
    try (Connection db = connect()) {
      awaitReconciled(db, seller, file, second);
      // The clean read: the same file, read at once by an organization that never saw it.
      put(db, reseller.bucket(), file);
      awaitReconciled(db, reseller, file, second);

      assertThat(rowsRead(db, seller, file)).as("every line read once, none again after the restart")
          .isEqualTo(file.lines());
      assertThat(billingRows(db, seller)).as("every billing event once, at its latest version")
          .isEqualTo(file.latest());
      assertThat(billingRows(db, reseller)).isEqualTo(file.latest());
      List<List<Object>> invoices = ledger(db, seller, INVOICE_LEDGER);
      assertThat(invoices).hasSize(INVOICES).isEqualTo(ledger(db, reseller, INVOICE_LEDGER));
      List<List<Object>> payouts = ledger(db, seller, PAYOUT_LEDGER);
      assertThat(payouts).hasSize(file.payouts()).isEqualTo(ledger(db, reseller, PAYOUT_LEDGER));
    }
    passed = 3;
  }

  @Test
  @Order(4)
  void a_second_instance_on_the_folder_is_refused_and_the_first_stops_with_its_postgresql() throws Exception {
    after(3);
    // A second instance on the same folder must not take the live server away from the first.
    Process intruder = start(environment(freePort(), freePort()), "intruder").process();
    assertThat(intruder.waitFor(WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(intruder.exitValue()).isNotZero();
    assertThat(log("intruder")).contains("is in use by process " + second.pid())
        .as("refused before its web server and beans start").doesNotContain("Tomcat");
    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);
    assertThat(LaunchedOfferDesk.get("http://127.0.0.1:" + port + "/actuator/health")).contains("\"UP\"");

    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // pg_ctl reports "stopped" once the pid file is gone; the postmaster exits an instant later.
    assertThat(exited(postmaster)).as("PostgreSQL stopped with its JVM").isTrue();
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
  }

  private static boolean exited(long pid) throws Exception {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isPresent()) {
      try {
        process.get().onExit().get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException stillRunning) {
        return false;
      }
    }
    return true;
  }

  private Map<String, String> environment(int port, int sandboxPort) {
    Map<String, String> env = new HashMap<>();
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("SERVER_PORT", "" + port);
    env.put("OFFERDESK_SANDBOX_PORT", "" + sandboxPort);
    env.put("OFFERDESK_DATA_DIR", dataDir.toString());
    env.put("OFFERDESK_ADMIN_PASSWORD", PASSWORD);
    return env;
  }

  private String log(String name) throws IOException {
    return Files.readString(dataDir.resolve(name + ".log"));
  }

  /** The ledger's columns that the feed rows decide (not when a row was written, nor which organization). */
  static final String INVOICE_LEDGER = """
      SELECT invoice_id, agreement_id, variant, invoiced_on, due_on, currency, amount, listing_fee, refunded, net,
        collected, disbursed, payout_id, status FROM finance_invoice
      WHERE organization_id = ? AND invoice_id LIKE 'kill-%' ORDER BY invoice_id""";
  static final String PAYOUT_LEDGER = """
      SELECT payout_id, paid_on, currency, amount, lines_total, line_count, unlinked_lines, status FROM finance_payout
      WHERE organization_id = ? AND payout_id LIKE 'kill-%' ORDER BY payout_id""";

  record Organization(UUID id, String bucket) {}

  /**
   * One billing feed file: per invoice the seller's share and AWS's fee invoiced and collected, most of them
   * paid out (a payout every 50 invoices); then later versions of some rows (a corrected amount, a row deleted),
   * which must win over the first version read before the kill.
   */
  record FeedFile(String key, byte[] content, int lines, int payouts, Map<String, String> latest) {

    static FeedFile month(LocalDate month, int invoices) {
      List<String> columns = Feed.BILLING_EVENT.columns();
      StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
      Map<String, String> latest = new LinkedHashMap<>();
      int lines = 0;
      int payouts = 0;
      Instant start = month.atStartOfDay().toInstant(ZoneOffset.UTC);
      Instant published = start;
      List<Map<String, String>> firstVersions = new ArrayList<>();
      List<Map<String, String>> awaitingPayout = new ArrayList<>();
      for (int i = 0; i < invoices; i++) {
        String invoice = PREFIX + "inv-" + String.format("%05d", i);
        String agreement = PREFIX + "agr-" + (i / 2);
        BigDecimal amount = BigDecimal.valueOf(10_000 + 37L * i, 2);
        BigDecimal fee = amount.multiply(new BigDecimal("0.03")).setScale(2, java.math.RoundingMode.HALF_UP);
        Instant invoiced = start.plusSeconds(60L * i);
        for (String action : List.of("INVOICED", "COLLECTED")) {
          for (boolean seller : List.of(true, false)) {
            Map<String, String> row = row(invoice, agreement, action, seller ? "SELLER_REV_SHARE" : "AWS_REV_SHARE",
                seller ? amount : fee.negate(), invoiced, published);
            if (action.equals("INVOICED")) {
              row.put("payment_due_date", invoiced.plusSeconds(30L * 86_400).toString());
              row.put("balance_impacting", "1");
              firstVersions.add(row);
            } else if (i % 10 != 9) { // one in ten collected, not paid out yet
              awaitingPayout.add(row);
            }
            lines += append(csv, columns, row, latest);
          }
        }
        if ((i % 50 == 49 || i == invoices - 1) && !awaitingPayout.isEmpty()) {
          String payout = PREFIX + "payout-" + String.format("%03d", payouts++);
          Instant paid = invoiced.plusSeconds(86_400);
          BigDecimal net = BigDecimal.ZERO;
          for (Map<String, String> line : awaitingPayout) {
            BigDecimal lineAmount = new BigDecimal(line.get("amount"));
            net = net.add(lineAmount);
            Map<String, String> disbursed = row(line.get("invoice_id"), line.get("agreement_id"), "DISBURSED",
                line.get("transaction_type"), lineAmount.negate(), paid, published);
            disbursed.put("disbursement_billing_event_id", payout);
            lines += append(csv, columns, disbursed, latest);
          }
          Map<String, String> disbursement = row(null, null, "DISBURSED", "DISBURSEMENT", net, paid, published);
          disbursement.put("billing_event_id", payout);
          disbursement.put("bank_trace_id", "TRACE" + payouts);
          disbursement.put("disbursement_reference_number", "REF" + payouts);
          lines += append(csv, columns, disbursement, latest);
          awaitingPayout.clear();
        }
      }
      // Later versions, at the end of the file: corrected amounts of some invoices, one row deleted.
      Instant later = published.plusSeconds(3_600);
      for (int i = 0; i < firstVersions.size(); i += 40) {
        Map<String, String> corrected = new HashMap<>(firstVersions.get(i));
        corrected.put("amount", new BigDecimal(corrected.get("amount")).add(BigDecimal.ONE).toPlainString());
        corrected.put("update_date", later.toString());
        if (i == 0) {
          corrected.put("delete_date", later.toString());
        }
        lines += append(csv, columns, corrected, latest);
      }
      String key = String.format("billingeventfeed_v1/year=%04d/month=%02d/part-kill.csv", month.getYear(),
          month.getMonthValue());
      return new FeedFile(key, csv.toString().getBytes(StandardCharsets.UTF_8), lines, payouts, latest);
    }

    private static Map<String, String> row(String invoice, String agreement, String action, String type,
        BigDecimal amount, Instant at, Instant published) {
      Map<String, String> row = new HashMap<>();
      row.put("billing_event_id", PREFIX + "be-" + UUID.nameUUIDFromBytes((invoice + action + type).getBytes(
          StandardCharsets.UTF_8)));
      row.put("from_account_id", "AWS");
      row.put("to_account_id", "111122223333");
      row.put("action", action);
      row.put("transaction_type", type);
      row.put("amount", amount.toPlainString());
      row.put("currency", "USD");
      row.put("balance_impacting", "0");
      row.put("invoice_date", at.toString());
      row.put("invoice_id", invoice);
      row.put("agreement_id", agreement);
      row.put("action_date", at.toString());
      row.put("invoice_variant", invoice == null ? null : "PURCHASE");
      row.put("charge_side", "SELLING");
      row.put("valid_from", published.toString());
      row.put("insert_date", published.toString());
      row.put("update_date", published.toString());
      row.put("catalog", "AWSMarketplace");
      return row;
    }

    /** Appends the row; {@code latest} keeps each event's last version (amount, or "deleted"). */
    private static int append(StringBuilder csv, List<String> columns, Map<String, String> row,
        Map<String, String> latest) {
      for (int c = 0; c < columns.size(); c++) {
        String value = row.get(columns.get(c));
        csv.append(c == 0 ? "" : ",").append(value == null ? "" : value);
      }
      csv.append('\n');
      latest.put(row.get("billing_event_id"), row.get("delete_date") != null ? "deleted"
          : new BigDecimal(row.get("amount")).stripTrailingZeros().toPlainString());
      return 1;
    }
  }

  private static Organization organization(Connection db, String name) throws SQLException {
    try (PreparedStatement s = db.prepareStatement("""
        SELECT o.id, f.bucket FROM organization o JOIN marketplace_data_feed f ON f.organization_id = o.id
        WHERE o.name = ?""")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as(name + " has a data feed bucket").isTrue();
        return new Organization(rs.getObject(1, UUID.class), rs.getString(2));
      }
    }
  }

  /** Delivers the file into the bucket as the marketplace does (the embedded sandbox's S3 objects). */
  private static void put(Connection db, String bucket, FeedFile file) throws SQLException {
    try (PreparedStatement s = db.prepareStatement("INSERT INTO sandbox.s3_object (bucket, object_key, content, etag,"
        + " last_modified) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, bucket);
      s.setString(2, file.key());
      s.setBytes(3, file.content());
      s.setString(4, "\"" + UUID.nameUUIDFromBytes(file.content()).toString().replace("-", "") + "\"");
      s.setTimestamp(5, Timestamp.from(Instant.now()));
      s.executeUpdate();
    }
  }

  /** Rows of the file counted by committed batches (moved with the file's read position, in their transaction). */
  private static long rowsRead(Connection db, Organization org, FeedFile file) throws SQLException {
    return one(db, "SELECT coalesce(max(rows_read), 0) FROM finance_feed_file WHERE organization_id = ? AND object_key = ?",
        org.id(), file.key());
  }

  private static void awaitCommitted(Connection db, Organization org, FeedFile file, Process offerDesk)
      throws Exception {
    // Polled often: the kill must land before the sync reads the rest of the file.
    await("a first batch committed").atMost(WITHIN).pollInterval(Duration.ofMillis(5)).until(() -> {
      assertThat(offerDesk.isAlive()).isTrue();
      return rowsRead(db, org, file) > 0;
    });
  }

  /** Waits until the whole file is read and a sync that ended after the last batch reconciled it. */
  private static void awaitReconciled(Connection db, Organization org, FeedFile file, Process offerDesk)
      throws Exception {
    await("the file read and reconciled").atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
      assertThat(offerDesk.isAlive()).isTrue();
      return one(db, """
          SELECT count(*) FROM finance_feed_file f JOIN finance_sync s ON s.organization_id = f.organization_id
          WHERE f.organization_id = ? AND f.object_key = ? AND f.read_to = ? AND s.status = 'DONE'
            AND s.finished_at >= f.read_at""", org.id(), file.key(), (long) file.content().length) > 0;
    });
  }

  /** Each billing event of the organization's kill file: its amount, or "deleted". */
  private static Map<String, String> billingRows(Connection db, Organization org) throws SQLException {
    Map<String, String> rows = new LinkedHashMap<>();
    try (PreparedStatement s = db.prepareStatement("""
        SELECT billing_event_id, amount, deleted FROM finance_billing_event
        WHERE organization_id = ? AND billing_event_id LIKE 'kill-%'""")) {
      s.setObject(1, org.id());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1),
              rs.getBoolean(3) ? "deleted" : rs.getBigDecimal(2).stripTrailingZeros().toPlainString());
        }
      }
    }
    return rows;
  }

  private static List<List<Object>> ledger(Connection db, Organization org, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setObject(1, org.id());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
            row.add(rs.getObject(c));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static long one(Connection db, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The embedded PostgreSQL of the running OfferDesk (its port is in the data folder's postmaster.pid). */
  private Connection connect() throws Exception {
    List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/postgres",
        "postgres", "postgres");
  }

  /** Quick syncs of small batches and a quick takeover, so that the kill lands mid-file and the restart resumes soon. */
  static final String[] SYNC_OPTIONS = {"--offerdesk.finance.sync-interval=PT1S",
      "--offerdesk.finance.sync-batch-rows=100", "--offerdesk.jobs.takeover-after=PT2S",
      "--offerdesk.jobs.poll-interval=PT0.2S"};

  /** The jar started the way {@code ./run} starts it ({@code bin/launch-extracted}), on the test's data folder. */
  private LaunchedOfferDesk start(Map<String, String> env, String name) throws IOException {
    LaunchedOfferDesk offerDesk = LaunchedOfferDesk.startJar(dataDir, env, dataDir.resolve(name + ".log"),
        SYNC_OPTIONS);
    started.add(offerDesk);
    return offerDesk;
  }

  /**
   * {@code ./run} from the repository root with {@code arguments}; {@code mayRecord}: whether it may record the class
   * archive ({@link LaunchedOfferDesk#start}).
   */
  private LaunchedOfferDesk run(Map<String, String> env, String name, boolean mayRecord, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(RunCommandIT.ROOT.resolve("run").toString()));
    command.addAll(List.of(arguments));
    LaunchedOfferDesk offerDesk = LaunchedOfferDesk.start(command, RunCommandIT.ROOT, env,
        dataDir.resolve(name + ".log"), mayRecord);
    started.add(offerDesk);
    return offerDesk;
  }
}
