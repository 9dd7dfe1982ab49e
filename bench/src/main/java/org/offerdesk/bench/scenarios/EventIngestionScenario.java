package org.offerdesk.bench.scenarios;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.offerdesk.bench.Figure;
import org.offerdesk.bench.OfferData;
import org.offerdesk.bench.OfferDesk;
import org.offerdesk.bench.ProcessCpu;
import org.offerdesk.bench.Scenario;
import org.offerdesk.bench.Settings;
import org.offerdesk.bench.Workbench;
import org.offerdesk.bench.scenarios.IngestionRound.Round;
import org.offerdesk.bench.scenarios.IngestionRound.Target;

/**
 * P2: marketplace events on the demo seller's queue in the embedded sandbox (accepted agreements, replacements,
 * cancellations, each with the license event AWS sends beside it; 10% delivered twice, some out of order), until
 * every order and offer they concern is where the events put it, beside a raw JDBC batch insert of the same
 * event rows into a table shaped like the event log. Each round's events concern offers and agreements of their
 * own (an event changes state once), and after each round every effect is counted: one order per agreement,
 * amendments linked, cancellations applied once, one log row and one job per distinct event.
 *
 * <p>The agreements are written into the sandbox's {@code agreement} table and the events into its
 * {@code queue_message} table as the sandbox's own acceptance does ({@code Purchases} and {@code MarketplaceEvents}:
 * the same envelope, detail and MD5), so OfferDesk reads them with the SDK's ReceiveMessage, DescribeAgreement and
 * GetAgreementTerms as it would real ones. Not timed: writing the agreements and offers; timed: from the commit that
 * makes the round's messages visible to the moment the last expected state is in the database (polled by SQL).
 */
public final class EventIngestionScenario implements Scenario {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration GIVE_UP = Duration.ofMinutes(10);

  @Override
  public String id() {
    return "P2";
  }

  @Override
  public String title() {
    return "marketplace events on the SQS queue until orders and offers are updated vs a JDBC batch insert";
  }

  @Override
  public List<Figure> run(Settings settings, Workbench bench) throws Exception {
    // No order sweep during the run: it would make orders from the sandbox's agreements without their events
    // (and hide a lost event).
    // pg_stat_statements counts the app's (and the embedded sandbox's) statements an event.
    // P2_EVENT_BATCHES=false runs OfferDesk with a job an event (offerdesk.events.batches=false), the design before
    // receives were handled as batches: the same build measured both ways.
    // Nor the offers' agreement sweep (every 5 minutes, one SearchAgreements an open offer, each of which the
    // sandbox answers by reading every agreement of the seller): it fell in some rounds and not others, half of a
    // round's statement time when it did (quick run of 2026-12-06, repeat 2), and in the calls alone's round after.
    Map<String, String> env = new java.util.HashMap<>(Map.of("OFFERDESK_ORDERS_SWEEPINTERVAL", "P1D",
        "OFFERDESK_OFFERS_SWEEPINTERVAL", "P1D"));
    if ("false".equals(System.getenv("P2_EVENT_BATCHES"))) {
      env.put("OFFERDESK_EVENTS_BATCHES", "false");
      bench.progress("P2: a job an event (P2_EVENT_BATCHES=false)");
    }
    OfferDesk desk = bench.closeAtEnd(OfferDesk.start(bench, "p2", env,
        Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track_utility", "off")));
    // 20,000 events a round in the full run: at tens of events a second that is minutes of steady state a round
    // (the start and the last retries' back-off weigh little), and the run stays under an hour.
    int events = settings.scaled(20_000, 2_000);
    int warmupEvents = Math.max(200, events / 5);
    // at least 2.0 events an agreement (2.18 in a full-size round: 20,002 events, 9,168 agreements; 2.4 here made
    // too few offers for a second full-size repeat), 1.1 offers an agreement (the amendments' own), 28% of offers
    // sent or viewed
    int offersNeeded = (int) ((warmupEvents + (long) events * settings.repeats()) / 2.0 * 1.1 / 0.28) + 500;
    String seller;
    Duration sandboxOffset;
    try (Connection c = desk.db().connect()) {
      OfferData.Loaded loaded = new OfferData().load(c, desk.demoSeller(), settings.sellers(), settings.offers(),
          offersNeeded, bench::progress);
      bench.progress(String.format("data: %,d offers (%,d more for the demo seller) in %.0f s", loaded.offers(),
          offersNeeded, loaded.seconds()));
      seller = IngestionChecks.single(c, "SELECT aws_account_id FROM marketplace_connection WHERE organization_id = '"
          + desk.demoSeller() + "'");
      String offset = IngestionChecks.single(c, "SELECT coalesce((SELECT value FROM sandbox.sandbox_info WHERE key = 'clock_offset'),"
          + " 'PT0S')");
      sandboxOffset = Duration.parse(offset);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      }
    }
    java.nio.file.Path statementsFolder = bench.folder("p2-statements");
    SplittableRandom random = new SplittableRandom(7);
    List<Target> targets = targets(desk);
    int next = 0;
    List<Double> appSeconds = new ArrayList<>();
    List<Double> appRates = new ArrayList<>();
    List<Double> baseRates = new ArrayList<>();
    List<Integer> distinct = new ArrayList<>();
    List<Double> appCpu = new ArrayList<>();
    List<Double> baseCpu = new ArrayList<>();
    List<Double> appStatements = new ArrayList<>();
    List<Double> ceilingRates = new ArrayList<>();
    List<Double> ceilingCpu = new ArrayList<>();
    List<Double> shareOfCeiling = new ArrayList<>();
    // The marketplace calls alone on a copy of each round (the ceiling): its own random, so OfferDesk's rounds are
    // the ones they were before it.
    SplittableRandom copies = new SplittableRandom(11);
    IngestionCeiling ceiling = bench.closeAtEnd(IngestionCeiling.open(desk));
    int ceilingWarmups = Integer.parseInt(System.getenv().getOrDefault("P2_CEILING_WARMUPS", "0"));
    for (int r = 0; r <= settings.repeats(); r++) {
      String what = r == 0 ? "warm-up" : "repeat " + r + " of " + settings.repeats();
      Round round = IngestionRound.round(targets, next, r == 0 ? warmupEvents : events, seller, random);
      next += round.deals().size();
      IngestionAgreements.prepare(desk, round, seller);
      // P2_CEILING_WARMUPS=n: n more copies of the warm-up round through the calls alone first (not measured, printed),
      // to see how far a warmer JVM raises the ceiling; 0 by default (the same warm-up as OfferDesk's).
      for (int k = 1; r == 0 && k <= ceilingWarmups; k++) {
        ceiling.measured(desk, IngestionCeiling.prepare(desk, round, copies, "-p2-ceiling-w" + k), round,
            sandboxOffset, bench, what + " (extra " + k + " of " + ceilingWarmups + ")", Double.NaN, statementsFolder, r);
      }
      List<String> copy = IngestionCeiling.prepare(desk, round, copies, "-p2-ceiling");
      // In turn first and after OfferDesk's round (ABBA over the repeats), so that neither has the quieter half.
      boolean ceilingFirst = r % 2 == 1;
      double pgBefore = desk.db().cpuSeconds();
      double baseline = baseline(desk, round);
      double pgBaseline = desk.db().cpuSeconds() - pgBefore;
      IngestionCeiling.Measured alone = ceilingFirst ? ceiling.measured(desk, copy, round, sandboxOffset, bench, what,
          baseline, statementsFolder, r) : null;
      double pgBetween = desk.db().cpuSeconds();
      double jvmBefore = desk.app().jvmCpuSeconds();
      double[] threadsBefore = threadCpu(desk.app().pid());
      IngestionStatements.reset(desk);
      double[] timed = deliverAndWait(desk, round, seller, sandboxOffset, bench, what);
      double seconds = timed[0];
      double jvmCpu = desk.app().jvmCpuSeconds() - jvmBefore;
      double[] threads = threadCpu(desk.app().pid());
      // Less the bench's own polling (its PostgreSQL backend, ten counts a second): not OfferDesk's work, and
      // proportional to the round's length.
      double pgCpu = desk.db().cpuSeconds() - pgBetween - timed[1];
      double cpu = jvmCpu + pgCpu;
      IngestionStatements statements = IngestionStatements.read(desk);
      IngestionChecks.check(desk, round);
      int n = round.events().size();
      bench.progress(String.format("P2 %s: %,d events (%,d messages, %,d agreements) handled in %.1f s = %.0f events/s"
          + " (%.1f ms CPU an event: OfferDesk's JVM %.1f, PostgreSQL %.1f); JDBC batch insert %.0f rows/s (%.3f ms"
          + " PostgreSQL CPU a row); effects checked; the bench's polling %.2f ms PostgreSQL CPU an event, not counted;"
          + " load average %s", what, n, round.messages().size(),
          round.deals().size(), seconds, n / seconds, 1000 * cpu / n, 1000 * jvmCpu / n, 1000 * pgCpu / n,
          n / baseline, 1000 * pgBaseline / n, 1000 * timed[1] / n, loadAverage()));
      java.nio.file.Path top = statementsFolder.resolve("round-" + r + ".txt");
      statements.write(top, n);
      bench.progress(String.format("P2 %s: OfferDesk's JVM by threads, CPU ms an event: the embedded sandbox's request"
          + " threads %.2f (%,d agreements, each one GetAgreementTerms; %,d messages, a ReceiveMessage and a"
          + " DeleteMessageBatch per ten), job runners %.2f, queue readers %.2f, JIT %.2f, GC %.2f, other %.2f", what,
          1000 * (threads[0] - threadsBefore[0]) / n, round.deals().size(), round.messages().size(),
          1000 * (threads[1] - threadsBefore[1]) / n, 1000 * (threads[2] - threadsBefore[2]) / n,
          1000 * (threads[3] - threadsBefore[3]) / n, 1000 * (threads[4] - threadsBefore[4]) / n,
          1000 * (jvmCpu - sum(threads) + sum(threadsBefore)) / n));
      bench.progress(String.format("P2 %s: %.1f SQL statements an event (%.1f ms of statement time), the app's and its"
          + " sandbox's; top statements in %s", what, statements.calls() / (double) n,
          statements.millis() / n, top));
      if (!ceilingFirst) {
        alone = ceiling.measured(desk, copy, round, sandboxOffset, bench, what, baseline, statementsFolder, r);
      }
      double ceilingRate = n / alone.result().seconds();
      bench.progress(String.format("P2 %s: OfferDesk's %.0f events/s are %.3f of the calls alone's %.0f", what,
          n / seconds, n / seconds / ceilingRate, ceilingRate));
      if (r > 0) {
        ceilingRates.add(ceilingRate);
        ceilingCpu.add(1000 * (alone.offerDeskJvm() + alone.benchJvm() + alone.postgres()) / n);
        shareOfCeiling.add(n / seconds / ceilingRate);
        appSeconds.add(seconds);
        appRates.add(n / seconds);
        baseRates.add(n / baseline);
        distinct.add(n);
        appCpu.add(1000 * cpu / n);
        baseCpu.add(1000 * pgBaseline / n);
        appStatements.add(statements.calls() / (double) n);
      }
    }
    Figure.Stats rate = Figure.Stats.of(appRates);
    Figure.Stats base = Figure.Stats.of(baseRates);
    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure("P2", String.format("events/s from the queue to every order and offer updated (%,d events,"
        + " 10%% twice, some out of order; baseline: JDBC batch insert rows/s)", distinct.get(0)), "events/s", rate, base,
        "≥ 0.25× baseline, 0 lost or duplicated", rate.median() >= 0.25 * base.median()));
    figures.add(new Figure("P2", "seconds from the first message to the last state", "s", Figure.Stats.of(appSeconds),
        null, null, null));
    // CPU does not depend on what else the machine runs as the rates do: a count to compare runs by.
    figures.add(new Figure("P2", "CPU ms an event, OfferDesk's JVM and PostgreSQL (the sandbox is in OfferDesk's JVM;"
        + " baseline: PostgreSQL's CPU ms a row of the batch insert)", "ms", Figure.Stats.of(appCpu),
        Figure.Stats.of(baseCpu), null, null));
    // A count that does not depend on the load: every statement the app and its embedded sandbox ran, an event.
    figures.add(new Figure("P2", "SQL statements an event (OfferDesk and its embedded sandbox, pg_stat_statements)",
        "count", Figure.Stats.of(appStatements), null, null, null));
    // The ceiling: the same round's messages consumed with the marketplace's calls alone (IngestionCeiling).
    Figure.Stats aloneRate = Figure.Stats.of(ceilingRates);
    figures.add(new Figure("P2", "events/s of the marketplace calls alone: a copy of the round's messages received,"
        + " deleted and each new agreement's GetAgreementTerms through the SDK, OfferDesk's thread counts, same"
        + " embedded sandbox (the ceiling; baseline: JDBC batch insert rows/s)", "events/s", aloneRate, base,
        "≥ 0.25× baseline for the goal to be reachable", aloneRate.median() >= 0.25 * base.median()));
    figures.add(new Figure("P2", "OfferDesk's events/s as a fraction of the marketplace calls alone's", "×",
        Figure.Stats.of(shareOfCeiling), null, null, null));
    figures.add(new Figure("P2", "CPU ms an event of the marketplace calls alone: OfferDesk's JVM (the sandbox), the"
        + " bench's (the SDK) and PostgreSQL (baseline: PostgreSQL's CPU ms a row of the batch insert)", "ms",
        Figure.Stats.of(ceilingCpu), Figure.Stats.of(baseCpu), null, null));
    bench.closeNow(ceiling);
    bench.closeNow(desk);
    return figures;
  }

  /** The demo seller's sent and viewed direct offers, in a fixed order: each round takes the next ones. */
  private static List<Target> targets(OfferDesk desk) throws Exception {
    List<Target> out = new ArrayList<>();
    try (Connection c = desk.db().connect(); PreparedStatement s = c.prepareStatement("""
        SELECT id, marketplace_offer_id, product_id, buyer_account_ids[1], contract_total, terms::text FROM offer
        WHERE organization_id = ? AND stage IN ('SENT', 'VIEWED') AND type = 'DIRECT'
          AND marketplace_offer_id IS NOT NULL ORDER BY id""")) {
      s.setObject(1, desk.demoSeller());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Target(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getBigDecimal(5), JSON.readTree(rs.getString(6))));
        }
      }
    }
    return out;
  }

  /**
   * The baseline: the round's distinct event rows (what the inbox holds of them) inserted with JDBC batches of
   * 1,000, a commit each, into a table of the event log's shape (its columns, keys and indexes); seconds.
   */
  private static double baseline(OfferDesk desk, Round round) throws Exception {
    try (Connection c = desk.db().connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS bench_marketplace_event");
        s.execute("CREATE TABLE bench_marketplace_event (LIKE marketplace_event INCLUDING ALL)");
      }
      c.setAutoCommit(false);
      long start = System.nanoTime();
      try (PreparedStatement s = c.prepareStatement("""
          INSERT INTO bench_marketplace_event (organization_id, event_id, detail_type, source, occurred_at, body,
            received_at) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?)""")) {
        int n = 0;
        for (ObjectNode e : round.events()) {
          s.setObject(1, desk.demoSeller());
          s.setString(2, e.path("id").asText());
          s.setString(3, e.path("detail-type").asText());
          s.setString(4, e.path("source").asText());
          s.setTimestamp(5, Timestamp.from(Instant.parse(e.path("time").asText())));
          s.setString(6, e.toString());
          s.setTimestamp(7, Timestamp.from(Instant.now()));
          s.addBatch();
          if (++n % 1_000 == 0) {
            s.executeBatch();
            c.commit();
          }
        }
        s.executeBatch();
        c.commit();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        long rows = IngestionChecks.count(s, "SELECT count(*) FROM bench_marketplace_event");
        if (rows != round.events().size()) {
          throw new IllegalStateException("The baseline inserted " + rows + " rows of " + round.events().size());
        }
        s.execute("DROP TABLE bench_marketplace_event");
      }
      return seconds;
    }
  }

  /**
   * Writes the messages onto {@code account}'s event queue in the sandbox, in the caller's transaction, as
   * {@code Queues.send} writes each: body, MD5, position, visible now by the sandbox's clock.
   */
  static void enqueue(Connection c, String account, List<String> messages, Duration sandboxOffset) throws Exception {
    long base;
    try (Statement s = c.createStatement()) {
      base = IngestionChecks.count(s, "SELECT nextval('sandbox.queue_message_position')");
      s.execute("SELECT setval('sandbox.queue_message_position', " + (base + messages.size() + 1) + ")");
    }
    Timestamp now = Timestamp.from(Instant.now().plus(sandboxOffset).minusSeconds(1));
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO sandbox.queue_message (message_id, account_id, queue_name, position, body, body_md5, sent_at,
          visible_at) VALUES (?, ?, 'aws-marketplace-events', ?, ?, ?, ?, ?)""")) {
      long position = base;
      for (String body : messages) {
        s.setObject(1, UUID.randomUUID());
        s.setString(2, account);
        s.setLong(3, ++position);
        s.setString(4, body);
        s.setString(5, HexFormat.of().formatHex(md5.digest(body.getBytes(StandardCharsets.UTF_8))));
        s.setTimestamp(6, now);
        s.setTimestamp(7, now);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Puts the round's messages on the seller's queue in one transaction (as {@code Queues.send} writes each: body,
   * MD5, position, visible now by the sandbox's clock), and waits until every expected state is there; seconds
   * from that commit, and the CPU seconds the polling's own PostgreSQL backend used meanwhile.
   */
  private static double[] deliverAndWait(OfferDesk desk, Round round, String seller, Duration sandboxOffset,
      Workbench bench, String what) throws Exception {
    try (Connection c = desk.db().connect()) {
      IngestionChecks.expectations(c, desk, round);
      c.setAutoCommit(false);
      enqueue(c, seller, round.messages(), sandboxOffset);
      c.commit();
      long start = System.nanoTime();
      c.setAutoCommit(true);
      long backend = IngestionChecks.count(c.createStatement(), "SELECT pg_backend_pid()");
      double pollingBefore = ProcessCpu.seconds(backend, false);
      long lastProgress = start;
      long lastDone = -1;
      long lastChange = start;
      while (true) {
        long[] done = IngestionChecks.progress(c, desk, round, seller);
        long now2 = System.nanoTime();
        if (done[0] == round.deals().size() && done[1] == round.events().size() && done[2] == 0) {
          return new double[] {(now2 - start) / 1e9, ProcessCpu.seconds(backend, false) - pollingBefore};
        }
        long sum = done[0] + done[1] - done[2];
        if (sum != lastDone) {
          lastDone = sum;
          lastChange = now2;
        } else if (now2 - lastChange > GIVE_UP.toNanos()) {
          throw new IllegalStateException(String.format("No progress for %s: %d of %d agreements where expected, %d of"
              + " %d events handled, %d messages on the queue", GIVE_UP, done[0], round.deals().size(), done[1],
              round.events().size(), done[2]));
        }
        if (now2 - lastProgress > 10_000_000_000L) {
          lastProgress = now2;
          bench.progress(String.format("P2 %s: %.0f s, %,d of %,d agreements where expected, %,d of %,d events handled,"
              + " %,d messages on the queue", what, (now2 - start) / 1e9, done[0], round.deals().size(), done[1],
              round.events().size(), done[2]));
        }
        Thread.sleep(100);
      }
    }
  }


  /**
   * CPU seconds of OfferDesk's live threads by kind: the embedded sandbox's request threads ({@code http-nio}: the
   * API's own are idle here, the bench polls by SQL), the job runners ({@code job-caller}, {@code job-runner}), the
   * queue's readers ({@code marketplace-eve}), the JIT's compilers, the serial collector.
   */
  private static double[] threadCpu(long pid) {
    return new double[] {ProcessCpu.threadSeconds(pid, "http-nio"),
        ProcessCpu.threadSeconds(pid, "job-caller") + ProcessCpu.threadSeconds(pid, "job-runner"),
        ProcessCpu.threadSeconds(pid, "marketplace-eve"),
        ProcessCpu.threadSeconds(pid, "C2 Compiler") + ProcessCpu.threadSeconds(pid, "C1 Compiler"),
        ProcessCpu.threadSeconds(pid, "VM Thread")};
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  static String loadAverage() {
    try {
      String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "unknown";
    }
  }
}
