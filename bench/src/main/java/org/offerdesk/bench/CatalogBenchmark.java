package org.offerdesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.EmbeddedPostgresServer;
import org.offerdesk.sandbox.SandboxServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeEntityResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.StartChangeSetResponse;

/**
 * DescribeEntity and StartChangeSet through the AWS SDK for Java v2, against a sandbox started in this
 * JVM on an embedded PostgreSQL, signed with the demo seller's keys. Each call is a real signed HTTP
 * round trip; StartChangeSet creates a draft offer whose change set the sandbox then processes in the
 * background, as it would on AWS.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class CatalogBenchmark {

  private static final String CATALOG = "AWSMarketplace";

  private EmbeddedPostgresServer postgres;
  private SandboxServer sandbox;
  private MarketplaceCatalogClient client;
  private String offerId;
  private Change createOffer;

  @Setup(Level.Trial)
  public void start() throws Exception {
    Path dir = Files.createTempDirectory("offerdesk-bench");
    postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), true, true, BenchDatabase.serverSettings());
    DatabaseUrl db = postgres.url("postgres");
    sandbox = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(), db.password(),
        List.of("--offerdesk.sandbox.change-set.max-running=100000000", "--logging.level.root=WARN")));
    client = MarketplaceCatalogClient.builder()
        .endpointOverride(sandbox.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIASANDBOXSELLER001", "sandbox/seller/SECRET/0000000000000000000001")))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
        .build();
    createOffer = Change.builder().changeType("CreateOffer").entity(e -> e.type("Offer@1.0"))
        .detailsDocument(Document.fromMap(java.util.Map.of("ProductId", Document.fromString("prod-sbxlimited001"),
            "Name", Document.fromString("Benchmark offer"))))
        .build();
    String changeSetId = client.startChangeSet(r -> r.catalog(CATALOG).changeSet(createOffer)).changeSetId();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      var described = client.describeChangeSet(r -> r.catalog(CATALOG).changeSetId(changeSetId));
      if (described.status() == ChangeStatus.SUCCEEDED) {
        offerId = described.changeSet().get(0).entity().identifier();
        break;
      }
      if (described.status() == ChangeStatus.FAILED || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Could not create the benchmark offer: " + described);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    sandbox.close();
    postgres.close();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public DescribeEntityResponse describeEntity() {
    return client.describeEntity(r -> r.catalog(CATALOG).entityId(offerId));
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public StartChangeSetResponse startChangeSet() {
    return client.startChangeSet(r -> r.catalog(CATALOG).changeSet(createOffer));
  }
}
