package org.offerdesk.sandbox.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.offerdesk.sandbox.Marketplace;
import org.offerdesk.sandbox.SandboxFixture;
import org.offerdesk.sandbox.SandboxServer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A sandbox that stops answers its waiting long polls at once, empty, instead of holding its stop until they run
 * out: the web server's graceful shutdown waits for every request in flight, and a client's 20 s receive made
 * every stop of a sandbox with a reader (each test context's, each {@code ./run}) wait that long. Here the stop's
 * grace is shorter than the receive's wait: without the early answer the receive is cut off when it runs out.
 */
class StopEndsLongPollsTest {

  @Test
  void aWaitingReceiveIsAnsweredEmptyWhenTheSandboxStops() throws Exception {
    DatabaseUrl db = TestPostgres.newDatabase("sandbox_stop");
    SandboxServer server = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(),
        db.password(), List.of("--spring.lifecycle.timeout-per-shutdown-phase=1s",
            "--offerdesk.sandbox.sqs.recheck-interval=60s")));
    JsonNode seller = SandboxFixture.send(server.endpoint(), "POST", "/sandbox/accounts",
        Map.of("name", "Stopping seller", "kind", "SELLER"), 201, 200);
    try (SqsClient sqs = Marketplace.sqs(server.endpoint(), seller.get("accessKeyId").asText(),
        seller.get("secretAccessKey").asText())) {
      String url = sqs.getQueueUrl(r -> r.queueName(Queues.EVENTS_QUEUE)).queueUrl();
      Queues queues = server.context().getBean(Queues.class);
      CompletableFuture<List<Message>> receive = CompletableFuture.supplyAsync(
          () -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)).messages());
      await().until(() -> queues.waiting() == 1);

      server.close();

      assertThat(receive.get(30, TimeUnit.SECONDS)).isEmpty();
    }
  }
}
