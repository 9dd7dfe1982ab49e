package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offerdesk.postgres.EmbeddedPostgresServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;

/**
 * The sandbox started on its own ({@code sandbox/run}, {@link SandboxApplication#main}) with its embedded PostgreSQL
 * in an empty data folder: the server is begun once the context is prepared, before any bean is made, so that its
 * {@code initdb} runs while the configuration is read; the sandbox then answers through the SDK; and a second sandbox
 * on the same folder is refused before its context starts, with the message naming the folder's owner.
 */
class StandaloneStartTest {

  @Test
  void a_first_start_begins_its_database_before_the_context_is_refreshed_and_answers(@TempDir Path dir) {
    Path folder = dir.resolve("sandbox-postgres");
    AtomicReference<Throwable> claimedWhenPrepared = new AtomicReference<>();
    SpringApplication application = SandboxApplication.standalone();
    // Runs after the sandbox's own listener: by then the folder must be claimed and its server starting.
    application.addListeners(new ApplicationListener<ApplicationPreparedEvent>() {
      @Override
      public void onApplicationEvent(ApplicationPreparedEvent event) {
        try {
          EmbeddedPostgresServer.refuseIfInUse(folder);
        } catch (IllegalStateException claimed) { // DataFolderInUseException
          claimedWhenPrepared.set(claimed);
        }
      }
    });
    try (ConfigurableApplicationContext sandbox = application.run(arguments(dir))) {
      assertThat(claimedWhenPrepared.get()).as("the data folder claimed when the context was prepared").isNotNull();
      try (MarketplaceCatalogClient client = seller(sandbox)) {
        assertThat(client.describeEntity(r -> r.catalog(CATALOG).entityId("prod-sbxlimited001")).entityType())
            .isEqualTo("SaaSProduct@1.0");
      }
    }
    // Stopped with the context: the folder is free again.
    EmbeddedPostgresServer.refuseIfInUse(folder);
  }

  @Test
  void a_second_sandbox_on_the_same_folder_is_refused_before_its_context_starts(@TempDir Path dir) {
    try (ConfigurableApplicationContext first = SandboxApplication.standalone().run(arguments(dir))) {
      assertThatThrownBy(() -> SandboxApplication.standalone().run(arguments(dir)))
          // The claim's own exception, not a bean's creation failing around it once the web server is made.
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("The PostgreSQL data folder " + dir.resolve("sandbox-postgres"))
          .hasMessageContaining("is in use by this process");
      try (MarketplaceCatalogClient client = seller(first)) {
        assertThat(client.describeEntity(r -> r.catalog(CATALOG).entityId("prod-sbxlimited001")).entityType())
            .isEqualTo("SaaSProduct@1.0");
      }
    }
  }

  /** As {@code sandbox/run} gives them, on a free loopback port and the test's data folder, with no database URL. */
  private static String[] arguments(Path dataDir) {
    return new String[] {SandboxApplication.CONFIG_NAME, "--server.port=0", "--server.address=127.0.0.1",
        "--offerdesk.data-dir=" + dataDir, "--offerdesk.database.url=", "--spring.main.banner-mode=off"};
  }

  private static MarketplaceCatalogClient seller(ConfigurableApplicationContext sandbox) {
    int port = ((WebServerApplicationContext) sandbox).getWebServer().getPort();
    return Marketplace.catalog(URI.create("http://127.0.0.1:" + port), SandboxFixture.SELLER_KEY,
        SandboxFixture.SELLER_SECRET);
  }
}
