package org.offerdesk.app.marketplace.internal;

import java.net.URI;
import java.util.List;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.postgres.PostgresAutoConfiguration.PostgresConnection;
import org.offerdesk.sandbox.SandboxServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the marketplace sandbox next to OfferDesk, in its own Spring context and on its own port, with
 * its state in its own schema of OfferDesk's database. OfferDesk reaches it over HTTP through the AWS
 * SDK like any marketplace endpoint. Off with {@code OFFERDESK_SANDBOX_ENABLED=false}.
 */
@Component
@ConditionalOnProperty(name = "offerdesk.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedSandbox implements SmartLifecycle, EmbeddedSandboxEndpoint {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSandbox.class);

  /** How far back a fresh demo sandbox starts its clock: the demo's year of history. */
  private static final int DEMO_HISTORY_DAYS = 365;

  private final PostgresConnection database;
  private final int port;
  private volatile SandboxServer server;

  private final String changeSetDelay;
  private final String publicUrl;
  private final String bindAddress;
  private final String adminToken;
  private final org.springframework.context.ApplicationContext context;
  private final boolean demoHistory;

  EmbeddedSandbox(PostgresConnection database, @Value("${offerdesk.sandbox.port:8090}") int port,
      @Value("${offerdesk.sandbox.change-set-delay:}") String changeSetDelay,
      @Value("${OFFERDESK_PUBLIC_URL:}") String publicUrl,
      @Value("${offerdesk.sandbox.bind:" + SandboxServer.Settings.LOOPBACK + "}") String bindAddress,
      @Value("${offerdesk.sandbox.admin-token:}") String adminToken,
      @Value("${offerdesk.demo-organizations:true}") boolean demoOrganizations,
      @Value("${offerdesk.demo.data:year}") String demoData,
      org.springframework.context.ApplicationContext context) {
    this.demoHistory = demoOrganizations && !"none".equalsIgnoreCase(demoData.strip());
    this.database = database;
    this.port = port;
    this.bindAddress = bindAddress;
    this.adminToken = adminToken == null ? "" : adminToken.strip();
    this.changeSetDelay = changeSetDelay;
    this.publicUrl = publicUrl;
    this.context = context;
  }

  @Override
  public void start() {
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
    server = SandboxServer.start(new SandboxServer.Settings(port, database.url().jdbcUrl(),
        database.url().username(), database.url().password(), extra, bindAddress));
    log.info("Embedded marketplace sandbox listening on {}", server.endpoint());
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
    if (running != null) {
      running.close();
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  /** After the platform's web server, whose port the sandbox's products send buyers to. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }

  private String platformUrl() {
    if (!publicUrl.isBlank()) {
      return publicUrl.replaceAll("/$", "");
    }
    int platformPort = context instanceof org.springframework.boot.web.context.WebServerApplicationContext web
        && web.getWebServer() != null ? web.getWebServer().getPort() : 8080;
    return "http://localhost:" + platformPort;
  }

  SandboxServer server() {
    return server;
  }
}
