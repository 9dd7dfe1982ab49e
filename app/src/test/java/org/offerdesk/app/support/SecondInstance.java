package org.offerdesk.app.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.offerdesk.app.OfferDeskApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A second OfferDesk in this JVM on the test context's database, on loopback, without a sandbox of its own and
 * with its sweeps slowed down (an hour), as a second instance behind a load balancer: what tests of "once
 * across instances" start. Close it when done.
 */
public final class SecondInstance {

  private SecondInstance() {}

  /** Starts it; each of {@code settings} ({@code "offerdesk.x=y"}) adds a property or replaces the default. */
  public static ConfigurableApplicationContext start(Environment test, String... settings) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("server.address", "127.0.0.1");
    properties.put("offerdesk.sandbox.enabled", "false");
    for (String name : new String[] {"offerdesk.database.url", "offerdesk.database.username",
        "offerdesk.database.password", "offerdesk.secret-key"}) {
      properties.put(name, test.getProperty(name));
    }
    properties.put("offerdesk.admin-password", "demo-password-123");
    properties.put("offerdesk.jobs.poll-interval", "PT0.1S");
    properties.put("offerdesk.events.poll-interval", "PT0.2S");
    properties.put("offerdesk.orders.sweep-interval", "PT1H");
    properties.put("offerdesk.offers.sweep-interval", "PT1H");
    properties.put("spring.main.banner-mode", "off");
    for (String setting : settings) {
      int eq = setting.indexOf('=');
      properties.put(setting.substring(0, eq), setting.substring(eq + 1));
    }
    return new SpringApplicationBuilder(OfferDeskApplication.class).run(properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }
}
