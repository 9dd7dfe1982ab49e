package org.offerdesk.app.runtime;

import org.offerdesk.postgres.PostgresAutoConfiguration;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Refuses a start on a data folder whose embedded PostgreSQL another live OfferDesk (or sandbox) uses before
 * anything starts: no web server, no bean yet. The embedded server's own claim refused such a start only once
 * Tomcat and most beans were up (about 4 CPU-s, and ten nested exceptions in its log); this asks the same claim
 * once the context is prepared, when the configuration is complete, a test's database URL included, and the start
 * fails with the one message naming the process that holds it. The claim taken is the embedded server's own: the
 * server then starts on a thread of its own ({@link PostgresAutoConfiguration#startEmbeddedEarly}) while the main
 * thread reads the configuration and makes the beans, and the data source finds it up (or nearly) instead of
 * waiting a PostgreSQL start (binaries found, postmaster started, about a second) on a start's critical path.
 */
public class DataFolderCheck implements ApplicationListener<ApplicationPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    if (ModeSettings.isOfferDesk(event.getSpringApplication())) {
      PostgresAutoConfiguration.startEmbeddedEarly(event.getApplicationContext());
    }
  }
}
