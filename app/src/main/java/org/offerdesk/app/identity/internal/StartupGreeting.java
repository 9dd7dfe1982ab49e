package org.offerdesk.app.identity.internal;

import org.offerdesk.app.identity.DemoDataSeeded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Seeds the demo organizations at start, and tells the person who started OfferDesk how to get in. */
@Component
class StartupGreeting implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger("OfferDesk");

  private final DemoOrganizations demo;
  private final ApplicationEventPublisher events;
  private DemoOrganizations.SeedResult seeded;

  StartupGreeting(DemoOrganizations demo, ApplicationEventPublisher events) {
    this.demo = demo;
    this.events = events;
  }

  @Override
  public void run(ApplicationArguments args) {
    seeded = demo.seed();
    events.publishEvent(new DemoDataSeeded(DemoOrganizations.DEMO_SELLER_ID, DemoOrganizations.DEMO_RESELLER_ID));
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    int port = event.getApplicationContext() instanceof WebServerApplicationContext web
        ? web.getWebServer().getPort() : 8080;
    StringBuilder sb = new StringBuilder("\n\n  OfferDesk is running: open http://localhost:" + port + "/\n");
    sb.append("  Sign in as ").append(DemoOrganizations.ADMIN_EMAIL);
    if (seeded != null && seeded.generatedAdminPassword().isPresent()) {
      sb.append(" with password ").append(seeded.generatedAdminPassword().get())
          .append("\n  (generated now and shown only this once; set OFFERDESK_ADMIN_PASSWORD to choose it)");
    } else {
      sb.append(" with the password from the first start (or OFFERDESK_ADMIN_PASSWORD)");
    }
    if (seeded != null && seeded.generatedPartnerPassword().isPresent()) {
      sb.append("\n  Reseller demo: ").append(DemoOrganizations.PARTNER_EMAIL).append(" with password ")
          .append(seeded.generatedPartnerPassword().get());
    }
    sb.append("\n");
    System.out.println(sb);
    log.info("OfferDesk ready on port {}", port);
  }
}
