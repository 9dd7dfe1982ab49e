package org.offerdesk.bench.scenarios;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.offerdesk.bench.Alternating;
import org.offerdesk.bench.BenchDatabase;
import org.offerdesk.bench.Figure;
import org.offerdesk.bench.Load;
import org.offerdesk.bench.ProcessCpu;
import org.offerdesk.bench.SandboxClients;
import org.offerdesk.bench.Scenario;
import org.offerdesk.bench.Settings;
import org.offerdesk.bench.Workbench;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.sandbox.SandboxServer;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;

/**
 * P6, the calls: the sandbox's DescribeEntity and StartChangeSet through the AWS SDK at 4 client threads (what
 * {@code CatalogBenchmark} measures with JMH), against a primary-key select of the same entity row through
 * JDBC. The smallest scenario of the suite: the harness test runs it. Its start is {@link SandboxStartScenario}.
 */
public final class SandboxScenario implements Scenario {

  private static final int CLIENTS = 4;
  /** At most this many warm-up rounds (each the run's warm-up long) before the measured repeats. */
  private static final int STEADY_ROUNDS = 6;

  @Override
  public String id() {
    return "P6";
  }

  @Override
  public String title() {
    return "sandbox DescribeEntity/StartChangeSet through the SDK vs a primary-key select through JDBC";
  }

  @Override
  public List<Figure> run(Settings settings, Workbench bench) throws Exception {
    BenchDatabase db = bench.closeAtEnd(BenchDatabase.start(bench, "p6-pg"));
    DatabaseUrl url = db.url();
    bench.progress("starting the sandbox in this JVM");
    SandboxServer sandbox = bench.closeAtEnd(SandboxServer.start(new SandboxServer.Settings(0, url.jdbcUrl(),
        url.username(), url.password(), List.of("--offerdesk.sandbox.change-set.max-running=100000000",
        "--logging.level.root=WARN"))));
    // generous: on a loaded machine the first calls of a cold JVM can take tens of seconds
    MarketplaceCatalogClient client = bench.closeAtEnd(
        SandboxClients.catalog(sandbox.endpoint(), Duration.ofMinutes(2)));
    String offerId = SandboxClients.applied(client, SandboxClients.createOffer("Benchmark offer"));
    Change create = SandboxClients.createOffer("Benchmark offer");
    Load describe = withCpu(new Load(CLIENTS, (c, i) -> client.describeEntity(r -> r.catalog(SandboxClients.CATALOG)
        .entityId(offerId)).entityIdentifier() != null));
    Load start = withCpu(new Load(CLIENTS, (c, i) -> client.startChangeSet(r -> r.catalog(SandboxClients.CATALOG)
        .changeSet(create)).changeSetId() != null));
    Load select = new Load(CLIENTS, primaryKeySelect(db, offerId));
    // The SDK clients and the sandbox share this JVM, whose JIT was still at work after one warm-up: the rate rose
    // repeat by repeat (1,495 -> 2,873 -> 3,395 calls a second in a quiet full run). So the reads warm up until steady.
    Alternating reads = new Alternating().add("DescribeEntity", describe).add("JDBC select", select)
        .warmUpUntilSteady(STEADY_ROUNDS).run(settings, bench);
    Alternating writes = new Alternating().add("StartChangeSet", start).add("JDBC select", select)
        .run(settings, bench);
    Figure.Stats rate = reads.stats("DescribeEntity", Alternating::rate);
    Figure.Stats p99 = reads.stats("DescribeEntity", Alternating::p99);
    List<Figure> figures = List.of(
        new Figure("P6", "DescribeEntity req/s at 4 threads", "req/s", rate,
            reads.stats("JDBC select", Alternating::rate), "≥ 3,000 req/s",
            rate.median() >= 3_000 && reads.errors("DescribeEntity") == 0),
        new Figure("P6", "DescribeEntity p99 at 4 threads", "ms", p99, reads.stats("JDBC select", Alternating::p99),
            "≤ 10 ms", p99.median() <= 10),
        new Figure("P6", "DescribeEntity CPU per call, whole JVM (SDK client and sandbox)", "ms",
            reads.stats("DescribeEntity", r -> r.cpuMsPerCall("jvm")), null, null, null),
        new Figure("P6", "DescribeEntity CPU per call, sandbox request threads", "ms",
            reads.stats("DescribeEntity", r -> r.cpuMsPerCall("server")), null, null, null),
        new Figure("P6", "DescribeEntity KB allocated per call, sandbox request threads", "KB",
            reads.stats("DescribeEntity", r -> r.countPerCall("server KB allocated")), null, null, null),
        new Figure("P6", "DescribeEntity CPU per call, SDK client threads", "ms",
            reads.stats("DescribeEntity", r -> r.cpuMsPerCall("client")), null, null, null),
        new Figure("P6", "StartChangeSet req/s at 4 threads", "req/s", writes.stats("StartChangeSet", Alternating::rate),
            writes.stats("JDBC select", Alternating::rate), null, null),
        new Figure("P6", "StartChangeSet p99 at 4 threads", "ms", writes.stats("StartChangeSet", Alternating::p99),
            writes.stats("JDBC select", Alternating::p99), null, null));
    bench.closeNow(client);
    bench.closeNow(sandbox);
    bench.closeNow(db);
    return figures;
  }

  /**
   * CPU seconds of this JVM (the SDK clients and the sandbox in it), of the sandbox's request threads (Tomcat's
   * {@code http-nio-…}) and of the JIT's compiler threads; the load's client threads are counted by the load.
   */
  private static Load withCpu(Load load) {
    long pid = ProcessHandle.current().pid();
    return load.cpu("jvm", () -> ProcessCpu.seconds(pid, false))
        .cpu("server", () -> ProcessCpu.threadSeconds(pid, "http-nio"))
        .cpu("jit", () -> ProcessCpu.threadSeconds(pid, "C2 Compiler") + ProcessCpu.threadSeconds(pid, "C1 Compiler"))
        .count("server KB allocated", () -> allocatedKb("http-nio"));
  }

  /**
   * Kilobytes allocated so far by this JVM's live threads whose name starts with {@code prefix}: a measure of the
   * work a call does that the machine's load does not change (CPU time does, through caches and the JIT's pace).
   */
  private static double allocatedKb(String prefix) {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long[] ids = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix))
        .mapToLong(Thread::getId).toArray();
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(ids)) {
      total += Math.max(0, bytes);
    }
    return total / 1024.0;
  }

  private static Load.Call primaryKeySelect(BenchDatabase db, String entityId) throws Exception {
    PreparedStatement[] statements = new PreparedStatement[CLIENTS];
    for (int c = 0; c < CLIENTS; c++) {
      Connection connection = db.connect();
      statements[c] = connection.prepareStatement("SELECT * FROM sandbox.entity WHERE entity_id = ?");
      statements[c].setString(1, entityId);
    }
    return (c, i) -> {
      try (ResultSet rs = statements[c].executeQuery()) {
        return rs.next() && rs.getString("document") != null;
      }
    };
  }

}
