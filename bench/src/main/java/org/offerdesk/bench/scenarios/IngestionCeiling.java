package org.offerdesk.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.offerdesk.bench.OfferDesk;
import org.offerdesk.bench.ProcessCpu;
import org.offerdesk.bench.Workbench;
import org.offerdesk.bench.scenarios.IngestionRound.Deal;
import org.offerdesk.bench.scenarios.IngestionRound.Round;
import org.offerdesk.sandbox.queues.Queues;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * P2's second reference ({@link EventIngestionScenario}): the marketplace calls alone. A copy of a round's
 * messages and agreements, under a seller account of the bench's own in the same embedded sandbox (OfferDesk's JVM,
 * OfferDesk reads only its own connected accounts' queues), consumed through the AWS SDK by this JVM with nothing of
 * OfferDesk's: ReceiveMessage (10 a call, long poll), DeleteMessageBatch (at most one in flight, as OfferDesk's
 * deleter), and one GetAgreementTerms for each event OfferDesk's intake needs it for (the first Created or Amended of
 * an agreement: a later copy of the same event stops at OfferDesk's inbox, and its order exists by then), on as many
 * threads as OfferDesk uses: one queue reader ({@code offerdesk.events.long-polls}: one per organization), one
 * deleter ({@code MessageDeletes}), 8 agreement readers ({@code offerdesk.events.agreement-readers}). The terms are
 * read while the reader receives on (OfferDesk waits for a receive's reads before its batch commits): no faster
 * arrangement with these threads. What any implementation that talks to the marketplace through its API can reach
 * on this machine.
 */
final class IngestionCeiling implements AutoCloseable {

  /** The bench's own seller account in the sandbox: no OfferDesk organization is connected to it. */
  static final String ACCOUNT = "999911112222";
  private static final String KEY = "AKIABENCHP2CEILING01";
  private static final String SECRET = "bench/p2/ceiling/SECRET/0000000000000001";
  /** OfferDesk's defaults: {@code offerdesk.events.agreement-readers}, {@code offerdesk.events.long-poll-seconds}. */
  static final int AGREEMENT_READERS = 8;
  static final int LONG_POLL_SECONDS = 10;
  /** An agreement ID's random part where a message names it: the agreement, its license's ARN. */
  private static final Pattern AGREEMENT = Pattern.compile("(?<=agmt-|:license:l-)[a-z0-9]{25}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a round of the calls alone did: seconds from the commit, and the calls made and answered. */
  record Result(double seconds, long receives, long received, long deleteCalls, long deleted, long termsCalls) {}

  private final SdkHttpClient http;
  private final SqsClient sqs;
  private final MarketplaceAgreementClient agreements;
  private final String queueUrl;
  /** Named {@code p2-ceiling-…}, kept for every round: their CPU is read from {@code /proc} while they live. */
  private final ExecutorService readers;
  private final ExecutorService deleter;
  private final ExecutorService reader;

  private IngestionCeiling(URI endpoint, Region region) {
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET));
    http = ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(35))
        .maxConnections(64).build();
    sqs = SqsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
        .httpClient(http).overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60))
            .retryStrategy(r -> r.maxAttempts(1))).build();
    agreements = MarketplaceAgreementClient.builder().endpointOverride(endpoint).region(region)
        .credentialsProvider(credentials).httpClient(http).overrideConfiguration(o -> o
            .apiCallTimeout(Duration.ofSeconds(60)).retryStrategy(r -> r.maxAttempts(1))).build();
    queueUrl = sqs.getQueueUrl(r -> r.queueName(Queues.EVENTS_QUEUE)).queueUrl();
    AtomicInteger n = new AtomicInteger();
    readers = Executors.newFixedThreadPool(AGREEMENT_READERS, r -> daemon(r, "p2-ceiling-agreement-reader-"
        + n.incrementAndGet()));
    deleter = Executors.newSingleThreadExecutor(r -> daemon(r, "p2-ceiling-deleter"));
    reader = Executors.newSingleThreadExecutor(r -> daemon(r, "p2-ceiling-reader"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread thread = new Thread(r, name);
    thread.setDaemon(true);
    return thread;
  }

  /** CPU seconds of this JVM's threads that make the calls alone (the reader, the deleter, the agreement readers). */
  static double clientThreadsCpu() {
    return ProcessCpu.threadSeconds(ProcessHandle.current().pid(), "p2-ceiling");
  }

  /** Opens the bench's seller account in OfferDesk's embedded sandbox and clients for it, at its endpoint. */
  static IngestionCeiling open(OfferDesk desk) throws Exception {
    URI endpoint;
    Region region;
    try (Connection c = desk.db().connect()) {
      try (PreparedStatement s = c.prepareStatement("""
          INSERT INTO sandbox.account (account_id, name, kind, access_key_id, secret_access_key, created_at)
          VALUES (?, 'P2 bench: the marketplace calls alone', 'SELLER', ?, ?, now()) ON CONFLICT DO NOTHING""")) {
        s.setString(1, ACCOUNT);
        s.setString(2, KEY);
        s.setString(3, SECRET);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "SELECT endpoint_override, region FROM marketplace_connection WHERE organization_id = ?")) {
        s.setObject(1, desk.demoSeller());
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          endpoint = URI.create(rs.getString(1));
          region = Region.of(rs.getString(2));
        }
      }
    }
    return new IngestionCeiling(endpoint, region);
  }

  /**
   * Copies the round's agreements under the bench's account with fresh IDs (the same terms, status, times; the
   * offer's ID marked, a private offer being accepted once), and returns the round's messages in the same order,
   * with the same duplicates, naming the copies.
   */
  static List<String> prepare(OfferDesk desk, Round round, SplittableRandom random, String offerSuffix)
      throws Exception {
    Map<String, String> fresh = new HashMap<>();
    List<String> from = new ArrayList<>();
    List<String> to = new ArrayList<>();
    for (Deal d : round.deals()) {
      String copy = IngestionRound.agreementId(random);
      fresh.put(d.agreementId().substring("agmt-".length()), copy.substring("agmt-".length()));
      from.add(d.agreementId());
      to.add(copy);
    }
    try (Connection c = desk.db().connect(); PreparedStatement s = c.prepareStatement("""
        INSERT INTO sandbox.agreement (agreement_id, offer_id, product_id, proposer_account_id, acceptor_account_id,
          status, acceptance_time, start_time, end_time, intent, previous_agreement_id, resale_authorization_id,
          manufacturer_account_id, offer_set_id, private_offer, accepted_terms, entitlements, currency_code,
          agreement_value, status_changed_at)
        SELECT m.copy, a.offer_id || ?, a.product_id, ?, a.acceptor_account_id, a.status,
          a.acceptance_time, a.start_time, a.end_time, a.intent, p.copy, a.resale_authorization_id, ?, a.offer_set_id,
          a.private_offer, a.accepted_terms, a.entitlements, a.currency_code, a.agreement_value, a.status_changed_at
        FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS m(original, copy)
        JOIN sandbox.agreement a ON a.agreement_id = m.original
        LEFT JOIN unnest(CAST(? AS text[]), CAST(? AS text[])) AS p(original, copy)
          ON p.original = a.previous_agreement_id""")) {
      String[] f = from.toArray(String[]::new);
      String[] t = to.toArray(String[]::new);
      s.setString(1, offerSuffix);
      s.setString(2, ACCOUNT);
      s.setString(3, ACCOUNT);
      s.setArray(4, c.createArrayOf("text", f));
      s.setArray(5, c.createArrayOf("text", t));
      s.setArray(6, c.createArrayOf("text", f));
      s.setArray(7, c.createArrayOf("text", t));
      int copied = s.executeUpdate();
      if (copied != round.deals().size()) {
        throw new IllegalStateException("Copied " + copied + " agreements of " + round.deals().size());
      }
    }
    return renamed(round.messages(), fresh);
  }

  /**
   * The messages with each agreement ID's random part (where they name an agreement: its ID, its license's ARN)
   * replaced as {@code fresh} says; every other character, the order and the duplicates unchanged.
   */
  static List<String> renamed(List<String> messages, Map<String, String> fresh) {
    List<String> out = new ArrayList<>();
    for (String body : messages) {
      out.add(AGREEMENT.matcher(body).replaceAll(m -> {
        String to = fresh.get(m.group());
        if (to == null) {
          throw new IllegalStateException("A message names an agreement not in its round: agmt-" + m.group());
        }
        return to;
      }));
    }
    return out;
  }

  /**
   * A measured round of the calls alone: what the calls did, CPU seconds of OfferDesk's JVM (where the embedded
   * sandbox serves them), of its request threads, of this JVM (the SDK's side), of the calling threads, of
   * PostgreSQL (from before the messages are written, as OfferDesk's round), and the round's statements.
   */
  record Measured(Result result, double offerDeskJvm, double sandboxThreads, double benchJvm, double clientThreads,
      double postgres, IngestionStatements statements, long agreementReads) {}

  /**
   * Puts the messages on the bench account's queue in one transaction, consumes them from its commit, and checks
   * that the sandbox served every call: every message received and deleted, the queue empty, one GetAgreementTerms
   * for each of {@code agreements} and as many reads of an agreement in the sandbox's statements.
   */
  Measured measure(OfferDesk desk, List<String> messages, int agreements, Duration sandboxOffset) throws Exception {
    IngestionStatements.reset(desk);
    long self = ProcessHandle.current().pid();
    double pg0 = desk.db().cpuSeconds();
    double app0 = desk.app().jvmCpuSeconds();
    double sandbox0 = ProcessCpu.threadSeconds(desk.app().pid(), "http-nio");
    double bench0 = ProcessCpu.seconds(self, false);
    double client0 = clientThreadsCpu();
    long start;
    try (Connection c = desk.db().connect()) {
      c.setAutoCommit(false);
      EventIngestionScenario.enqueue(c, ACCOUNT, messages, sandboxOffset);
      c.commit();
      start = System.nanoTime();
    }
    Result r = consume(messages.size(), start);
    double client = clientThreadsCpu() - client0;
    double bench = ProcessCpu.seconds(self, false) - bench0;
    double sandbox = ProcessCpu.threadSeconds(desk.app().pid(), "http-nio") - sandbox0;
    double app = desk.app().jvmCpuSeconds() - app0;
    double pg = desk.db().cpuSeconds() - pg0;
    IngestionStatements statements = IngestionStatements.read(desk);
    long reads = statements.rows().stream().filter(row -> row.query().contains("FROM agreement WHERE agreement_id =")
        && !row.query().contains("FOR UPDATE")).mapToLong(IngestionStatements.Row::calls).sum();
    long left;
    try (Connection c = desk.db().connect(); var s = c.createStatement()) {
      left = IngestionChecks.count(s, "SELECT count(*) FROM sandbox.queue_message WHERE account_id = '" + ACCOUNT + "'");
    }
    if (r.received() != messages.size() || r.deleted() != messages.size() || left != 0 || r.termsCalls() != agreements
        || reads < agreements) {
      throw new IllegalStateException(String.format("The calls alone: %d of %d messages received, %d deleted, %d left"
          + " on the queue; %d GetAgreementTerms answered of %d agreements, %d agreement reads in the sandbox",
          r.received(), messages.size(), r.deleted(), left, r.termsCalls(), agreements, reads));
    }
    return new Measured(r, app, sandbox, bench, client, pg, statements, reads);
  }

  /** One round of the marketplace calls alone on the round's copy ({@link IngestionCeiling}), printed. */
  Measured measured(OfferDesk desk, List<String> copy, Round round, Duration sandboxOffset, Workbench bench, String what, double baseline,
      java.nio.file.Path statementsFolder, int r) throws Exception {
    Measured m = measure(desk, copy, round.deals().size(), sandboxOffset);
    int n = round.events().size();
    Result x = m.result();
    m.statements().write(statementsFolder.resolve("round-" + r + "-calls-alone.txt"), n);
    bench.progress(String.format("P2 %s, the marketplace calls alone: %,d messages in %.1f s = %.0f events/s, %.4f× the"
        + " batch insert (%,d ReceiveMessage, %,d DeleteMessageBatch deleting %,d, %,d GetAgreementTerms answered, %,d"
        + " agreement reads in the sandbox's statements, queue empty); CPU ms an event %.2f: OfferDesk's JVM %.2f (its"
        + " request threads, the sandbox, %.2f), the bench's JVM %.2f (the calling threads %.2f), PostgreSQL %.2f;"
        + " %.1f SQL statements an event; load average %s", what, copy.size(), x.seconds(), n / x.seconds(),
        n / x.seconds() / (n / baseline), x.receives(), x.deleteCalls(), x.deleted(), x.termsCalls(),
        m.agreementReads(), 1000 * (m.offerDeskJvm() + m.benchJvm() + m.postgres()) / n, 1000 * m.offerDeskJvm() / n,
        1000 * m.sandboxThreads() / n, 1000 * m.benchJvm() / n, 1000 * m.clientThreads() / n, 1000 * m.postgres() / n,
        m.statements().calls() / (double) n, EventIngestionScenario.loadAverage()));
    return m;
  }

  /**
   * Consumes the {@code messages} put on the bench account's queue: receives until every one was received, each
   * receive's messages deleted in one call off the reader's thread, and each first Created or Amended of an
   * agreement read with GetAgreementTerms by the agreement readers; returns when the last call has answered.
   */
  Result consume(int messages, long startNanos) throws Exception {
    AtomicLong deleteCalls = new AtomicLong();
    AtomicLong deleted = new AtomicLong();
    AtomicLong termsAnswered = new AtomicLong();
    long[] receives = reader.submit(() -> {
      Set<String> seen = new HashSet<>();
      List<Future<?>> calls = new ArrayList<>();
      Future<?> lastDelete = null;
      long calls0 = 0;
      long received = 0;
      while (received < messages) {
        List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
            .waitTimeSeconds(LONG_POLL_SECONDS)).messages();
        calls0++;
        if (batch.isEmpty()) {
          continue;
        }
        received += batch.size();
        for (Message m : batch) {
          JsonNode event = JSON.readTree(m.body());
          String type = event.path("detail-type").asText("");
          String agreementId = event.path("detail").path("agreement").path("id").asText(null);
          if ((type.startsWith("Purchase Agreement Created") || type.startsWith("Purchase Agreement Amended"))
              && agreementId != null && seen.add(agreementId)) {
            calls.add(readers.submit(() -> {
              if (agreements.getAgreementTerms(r -> r.agreementId(agreementId)).acceptedTerms().isEmpty()) {
                throw new IllegalStateException("No accepted terms for " + agreementId);
              }
              termsAnswered.incrementAndGet();
            }));
          }
        }
        if (lastDelete != null) {
          lastDelete.get();
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
              .receiptHandle(batch.get(i).receiptHandle()).build());
        }
        lastDelete = deleter.submit(() -> {
          var answer = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
          if (answer.hasFailed() && !answer.failed().isEmpty()) {
            throw new IllegalStateException("DeleteMessageBatch failed: " + answer.failed());
          }
          deleteCalls.incrementAndGet();
          deleted.addAndGet(answer.successful().size());
        });
      }
      if (lastDelete != null) {
        lastDelete.get();
      }
      for (Future<?> call : calls) {
        call.get();
      }
      return new long[] {calls0, received, calls.size()};
    }).get();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    if (receives[2] != termsAnswered.get()) {
      throw new IllegalStateException(receives[2] + " GetAgreementTerms made, " + termsAnswered + " answered");
    }
    return new Result(seconds, receives[0], receives[1], deleteCalls.get(), deleted.get(), termsAnswered.get());
  }

  @Override
  public void close() {
    readers.shutdownNow();
    deleter.shutdownNow();
    reader.shutdownNow();
    sqs.close();
    agreements.close();
    http.close();
  }
}
