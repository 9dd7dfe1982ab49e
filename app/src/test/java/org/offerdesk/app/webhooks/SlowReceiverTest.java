package org.offerdesk.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.TightLimitsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No network call inside a database transaction: with a pool of two connections, four webhook deliveries
 * hang on a slow receiver (on loopback) at the same time, and the API still answers every request. Were
 * the deliveries sent inside the job's transaction, at most two could be in flight and the API would wait
 * for a connection until the receiver answered.
 */
@TightLimitsTest
class SlowReceiverTest {

  @Autowired Webhooks webhooks;
  @Autowired TransactionTemplate tx;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  HttpServer slow;
  ExecutorService slowThreads;
  final AtomicInteger waiting = new AtomicInteger();
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void startSlowReceiver() throws IOException {
    slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slowThreads = Executors.newCachedThreadPool();
    slow.setExecutor(slowThreads);
    slow.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      waiting.incrementAndGet();
      try {
        release.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    slow.start();
  }

  @AfterEach
  void stopSlowReceiver() {
    release.countDown();
    slow.stop(0);
    // HttpServer.stop leaves its executor to whoever made it: idle non-daemon threads would outlive the test.
    slowThreads.shutdownNow();
  }

  @Test
  void deliveries_waiting_on_a_slow_receiver_hold_no_connection_and_the_api_keeps_answering() throws Exception {
    TestTenants.Tenant seller = new TestTenants(context).seller("Slow Receiver Co");
    Http admin = new Http(port).bearer(seller.adminToken());
    WebhookDeliveryTest.register(admin, "http://127.0.0.1:" + slow.getAddress().getPort() + "/hook",
        List.of("order.provisioned"));
    for (int i = 0; i < 4; i++) {
      String eventId = "slow-" + UUID.randomUUID();
      tx.executeWithoutResult(s -> webhooks.publish(seller.organizationId(), "order.provisioned", eventId,
          Map.of("orderId", "o")));
    }
    // Four deliveries in flight at once: more than the pool's two connections.
    await().atMost(Duration.ofSeconds(30)).until(() -> waiting.get() == 4);

    ExecutorService clients = Executors.newFixedThreadPool(6);
    try {
      List<Future<Http.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String path = i % 2 == 0 ? "/api/v1/jobs?limit=5" : "/api/v1/webhooks";
        answers.add(clients.submit(() -> admin.get(path)));
      }
      for (Future<Http.Response> answer : answers) {
        Http.Response r = answer.get(20, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(waiting.get()).isEqualTo(4);
    assertThat(release.getCount()).as("the receiver still holds every delivery").isEqualTo(1);

    release.countDown();
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "SELECT count(*) FROM job WHERE organization_id = ? AND kind = 'webhook.deliver' AND status = 'DONE'")
        .param(seller.organizationId()).query(Long.class).single() == 4);
  }
}
