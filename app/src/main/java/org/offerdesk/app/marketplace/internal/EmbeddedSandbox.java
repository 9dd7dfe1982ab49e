package org.offerdesk.app.marketplace.internal;

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
class EmbeddedSandbox implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSandbox.class);

  private final PostgresConnection database;
  private final int port;
  private volatile SandboxServer server;

  EmbeddedSandbox(PostgresConnection database, @Value("${offerdesk.sandbox.port:8090}") int port) {
    this.database = database;
    this.port = port;
  }

  @Override
  public void start() {
    server = SandboxServer.start(new SandboxServer.Settings(port, database.url().jdbcUrl(),
        database.url().username(), database.url().password()));
    log.info("Embedded marketplace sandbox listening on {}", server.endpoint());
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

  /** Before the platform's web server opens, so the sandbox is there when the first page is served. */
  @Override
  public int getPhase() {
    return 0;
  }

  SandboxServer server() {
    return server;
  }
}
