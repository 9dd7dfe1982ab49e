package org.offerdesk.app.identity.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.offerdesk.app.identity.DemoDataSeeded;
import org.offerdesk.app.runtime.RunMode;
import org.offerdesk.postgres.PostgresAutoConfiguration.PostgresConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo organizations at start (demo mode only), and tells the person who started OfferDesk how
 * to get in: the demo admin's password, or, on an installation with no organization yet, the one-time
 * setup code. It also says where OfferDesk listens.
 */
@Component
class StartupGreeting implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger("OfferDesk");

  private final DemoOrganizations demo;
  private final FirstRunSetup setup;
  private final SetupCode setupCode;
  private final RunMode mode;
  private final ObjectProvider<PostgresConnection> database;
  private final ApplicationEventPublisher events;
  private final boolean demoOrganizations;
  private final String publicUrl;
  private final String address;
  private DemoOrganizations.SeedResult seeded;

  StartupGreeting(DemoOrganizations demo, FirstRunSetup setup, SetupCode setupCode, RunMode mode,
      ObjectProvider<PostgresConnection> database, ApplicationEventPublisher events,
      @Value("${offerdesk.demo-organizations:true}") boolean demoOrganizations,
      @Value("${offerdesk.public-url:}") String publicUrl, @Value("${server.address:}") String address) {
    this.demo = demo;
    this.setup = setup;
    this.setupCode = setupCode;
    this.mode = mode;
    this.database = database;
    this.events = events;
    this.demoOrganizations = demoOrganizations;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
    this.address = address;
  }

  @Override
  public void run(ApplicationArguments args) {
    // Production never creates demo data, whatever else is configured.
    if (mode.isDemo() && demoOrganizations) {
      seeded = demo.seed();
      events.publishEvent(new DemoDataSeeded(DemoOrganizations.DEMO_SELLER_ID, DemoOrganizations.DEMO_RESELLER_ID));
    }
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    int port = event.getApplicationContext() instanceof WebServerApplicationContext web
        ? web.getWebServer().getPort() : 8080;
    String base = mode.isProduction() ? publicUrl : "http://localhost:" + port;
    StringBuilder sb = new StringBuilder("\n\n  OfferDesk is running");
    sb.append(mode.isProduction() ? " in production mode at " + base + "/\n" : ": open " + base + "/\n");
    sb.append("  Listening on ").append(listeningOn()).append(", port ").append(port).append('\n');
    if (setup.isPending()) {
      sb.append("  No organization yet: open ").append(base).append("/setup and enter this one-time setup code:\n")
          .append("      ").append(setupCode.issue()).append('\n')
          .append("  (or, for automation: java -jar offerdesk.jar setup --org <name> --admin <email>)\n");
    } else if (seeded != null) {
      sb.append("  Sign in as ").append(DemoOrganizations.ADMIN_EMAIL);
      if (seeded.generatedAdminPassword().isPresent()) {
        sb.append(" with password ").append(seeded.generatedAdminPassword().get())
            .append("\n  (generated now and shown only this once; set OFFERDESK_ADMIN_PASSWORD to choose it)");
      } else {
        sb.append(" with the password from the first start (or OFFERDESK_ADMIN_PASSWORD)");
      }
      if (seeded.generatedPartnerPassword().isPresent()) {
        sb.append("\n  Reseller demo: ").append(DemoOrganizations.PARTNER_EMAIL).append(" with password ")
            .append(seeded.generatedPartnerPassword().get());
      }
      sb.append('\n');
    }
    System.out.println(sb);
    PostgresConnection db = database.getIfAvailable();
    if (mode.isProduction() && db != null && db.isEmbedded()) {
      log.warn("Production mode on the embedded PostgreSQL (data in {}). It works for a single instance, but "
          + "set DATABASE_URL to a PostgreSQL server you back up and monitor", db.embedded().dataDirectory());
    }
    log.info("OfferDesk ready on port {} ({} mode)", port, mode.name().toLowerCase());
  }

  private String listeningOn() {
    if (address.isBlank()) {
      return "all network interfaces" + (mode.isDemo() ? "" : " (put a TLS-terminating proxy in front)");
    }
    try {
      if (InetAddress.getByName(address).isLoopbackAddress()) {
        return address + " only, this machine" + (mode.isDemo() ? " (set SERVER_ADDRESS=0.0.0.0 to open it)" : "");
      }
    } catch (UnknownHostException e) {
      // Tomcat reports it when it binds; here it is only a greeting
    }
    return address;
  }
}
