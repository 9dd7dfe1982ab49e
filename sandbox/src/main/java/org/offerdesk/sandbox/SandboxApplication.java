package org.offerdesk.sandbox;

import org.offerdesk.postgres.PostgresAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The marketplace sandbox as a server of its own. Standalone it is started by {@link #main}; embedded
 * in OfferDesk it is started by {@link SandboxServer} in its own Spring context and on its own port, so
 * the platform reaches it over HTTP exactly as it would reach AWS.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration",
      "org.springframework.boot.autoconfigure.mail.MailSenderValidatorAutoConfiguration"
    })
@EnableScheduling
public class SandboxApplication {

  /** The sandbox reads {@code sandbox.properties}, never the platform's {@code application.properties}. */
  static final String CONFIG_NAME = "--spring.config.name=sandbox";

  public static void main(String[] args) {
    String[] all = new String[args.length + 1];
    all[0] = CONFIG_NAME;
    System.arraycopy(args, 0, all, 1, args.length);
    standalone().run(all);
  }

  /**
   * The sandbox as {@code sandbox/run} starts it: its embedded PostgreSQL (unless a database URL names another
   * server) begun on a thread of its own once the context is prepared, as OfferDesk's is, so that a first start's
   * {@code initdb} and every start's postmaster run while the main thread reads the configuration, instead of
   * after it with the main thread waiting (bench/README, branch {@code p6s}). The data folder is claimed then: a
   * second sandbox on it is refused before anything starts. Not for {@link SandboxServer}, which is given a database.
   */
  static SpringApplication standalone() {
    SpringApplication application = new SpringApplication(SandboxApplication.class);
    application.addListeners(new EarlyDatabaseStart());
    return application;
  }

  private static final class EarlyDatabaseStart implements ApplicationListener<ApplicationPreparedEvent> {
    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
      PostgresAutoConfiguration.startEmbeddedEarly(event.getApplicationContext());
    }
  }
}
