package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.PostgresAutoConfiguration.PostgresConnection;

/**
 * When the platform's context fails while the embedded sandbox is still starting on its own thread (a migration
 * that fails, a bean that cannot be made), the context's destruction must end, so that OfferDesk exits with the
 * error instead of hanging: it once waited forever, because the start thread completed the field that
 * {@code destroy()} had already cleared (a NullPointerException on that thread, a future never completed).
 */
class EmbeddedSandboxStartFailureTest {

  @Test
  void a_platform_that_fails_during_the_sandbox_start_is_destroyed_without_waiting_forever() {
    // A database nothing answers on (this machine's port 1): the sandbox's start fails, as any start can.
    PostgresConnection nowhere = new PostgresConnection(
        new DatabaseUrl("jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2", "postgres", "postgres"), null, null);
    EmbeddedSandbox sandbox = new EmbeddedSandbox(nowhere, 0, "", "", "127.0.0.1", "", false, "none", 1, null);

    // The platform's context fails at once and destroys its beans while the sandbox is still starting.
    CompletableFuture<Void> destroyed = CompletableFuture.runAsync(sandbox::destroy);

    await().atMost(Duration.ofMinutes(1)).until(destroyed::isDone);
    assertThat(destroyed).isCompleted();
    assertThat(sandbox.isRunning()).isFalse();
  }
}
