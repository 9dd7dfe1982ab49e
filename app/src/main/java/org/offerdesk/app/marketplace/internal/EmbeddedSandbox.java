package org.offerdesk.app.marketplace.internal;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.postgres.PostgresAutoConfiguration.PostgresConnection;
import org.offerdesk.sandbox.SandboxServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the marketplace sandbox next to OfferDesk, in its own Spring context and on its own port, with
 * its state in its own schema of OfferDesk's database. OfferDesk reaches it over HTTP through the AWS
 * SDK like any marketplace endpoint. Off with {@code OFFERDESK_SANDBOX_ENABLED=false}.
 *
 * <p>Its Spring context (a fifth of a restart's CPU) starts on a thread of its own as soon as the database is
 * up, while the platform's own context is still being built, when the platform's port is known beforehand
 * (its products send buyers there); on a random port ({@code server.port=0}, tests) it starts after the
 * platform's web server, as before. Either way the platform sees it ({@link #endpoint}, the clock, the demo
 * connections) only from this lifecycle's start, which waits for it: after the web server, before the job
 * worker, the event queue readers and the recurring work, which are what talk to it.
 */
@Component
@ConditionalOnProperty(name = "offerdesk.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedSandbox implements SmartLifecycle, DisposableBean, EmbeddedSandboxEndpoint {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSandbox.class);

  /** How far back a fresh demo sandbox starts its clock: the demo's year of history. */
  private static final int DEMO_HISTORY_DAYS = 365;

  private final PostgresConnection database;
  private final int port;
  private volatile SandboxServer server;
  /** The start under way on its own thread, or null when it waits for the platform's web server. */
  private volatile CompletableFuture<SandboxServer> starting;

  private final String changeSetDelay;
  private final String publicUrl;
  private final String bindAddress;
  private final String adminToken;
  private final org.springframework.context.ApplicationContext context;
  private final boolean demoHistory;
  private final int platformPort;

  EmbeddedSandbox(PostgresConnection database, @Value("${offerdesk.sandbox.port:8090}") int port,
      @Value("${offerdesk.sandbox.change-set-delay:}") String changeSetDelay,
      @Value("${OFFERDESK_PUBLIC_URL:}") String publicUrl,
      @Value("${offerdesk.sandbox.bind:" + SandboxServer.Settings.LOOPBACK + "}") String bindAddress,
      @Value("${offerdesk.sandbox.admin-token:}") String adminToken,
      @Value("${offerdesk.demo-organizations:true}") boolean demoOrganizations,
      @Value("${offerdesk.demo.data:year}") String demoData,
      @Value("${server.port:8080}") int platformPort,
      org.springframework.context.ApplicationContext context) {
    this.demoHistory = demoOrganizations && !"none".equalsIgnoreCase(demoData.strip());
    this.database = database;
    this.port = port;
    this.bindAddress = bindAddress;
    this.adminToken = adminToken == null ? "" : adminToken.strip();
    this.changeSetDelay = changeSetDelay;
    this.publicUrl = publicUrl;
    this.context = context;
    this.platformPort = platformPort;
    if (platformPort > 0 || !this.publicUrl.isBlank()) {
      // The thread completes its own future, never the field: destroy() clears the field when the platform's
      // context fails first, and then waits on that future.
      CompletableFuture<SandboxServer> future = new CompletableFuture<>();
      starting = future;
      Thread thread = new Thread(() -> {
        try {
          future.complete(startServer());
        } catch (Throwable e) {
          future.completeExceptionally(e);
        }
      }, "embedded-sandbox-start");
      thread.setDaemon(true);
      thread.start();
    }
  }

  @Override
  public void start() {
    CompletableFuture<SandboxServer> started = starting;
    SandboxServer running;
    if (started == null) {
      running = startServer();
    } else {
      try {
        running = started.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }
    server = running;
    log.info("Embedded marketplace sandbox listening on {}", running.endpoint());
  }

  private SandboxServer startServer() {
    List<String> extra = new java.util.ArrayList<>();
    if (!changeSetDelay.isBlank()) {
      extra.add("--offerdesk.sandbox.change-set.delay=" + changeSetDelay);
    }
    // Buyers who subscribe in the sandbox are sent to OfferDesk's own registration page.
    extra.add("--offerdesk.sandbox.fulfillment-url=" + platformUrl() + "/marketplace/register");
    if (!adminToken.isEmpty()) {
      extra.add("--offerdesk.sandbox.admin-token=" + adminToken);
    }
    if (demoHistory) {
      // A fresh sandbox starts a year back, so the demo's seeded year of business can move it to the present.
      extra.add("--offerdesk.sandbox.clock.fresh-start-back=P" + DEMO_HISTORY_DAYS + "D");
    }
    return SandboxServer.start(new SandboxServer.Settings(port, database.url().jdbcUrl(),
        database.url().username(), database.url().password(), extra, bindAddress));
  }

  @Override
  public URI endpoint() {
    SandboxServer running = server;
    if (running == null) {
      throw new IllegalStateException("The embedded sandbox is not running");
    }
    return running.endpoint();
  }

  @Override
  public void stop() {
    SandboxServer running = server;
    server = null;
    starting = null;
    if (running != null) {
      running.close();
    }
  }

  /** The platform's context failed before this lifecycle started: the sandbox started for it stops too. */
  @Override
  public void destroy() {
    CompletableFuture<SandboxServer> started = starting;
    starting = null;
    if (started != null && server == null) {
      try {
        started.join().close();
      } catch (RuntimeException e) {
        log.debug("The embedded sandbox had not started: {}", e.toString());
      }
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  /**
   * After the platform's web server (phase {@code MAX_VALUE - 2048}), whose port the sandbox's products send
   * buyers to; before the job worker and the event queue readers ({@code MAX_VALUE - 100}) and the recurring
   * work ({@code MAX_VALUE - 90}), which call it, and so stopped after them.
   */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }

  private String platformUrl() {
    if (!publicUrl.isBlank()) {
      return publicUrl.replaceAll("/$", "");
    }
    if (platformPort > 0) {
      return "http://localhost:" + platformPort;
    }
    int actual = context instanceof org.springframework.boot.web.context.WebServerApplicationContext web
        && web.getWebServer() != null ? web.getWebServer().getPort() : 8080;
    return "http://localhost:" + actual;
  }

  SandboxServer server() {
    return server;
  }
}
