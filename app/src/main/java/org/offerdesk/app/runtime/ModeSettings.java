package org.offerdesk.app.runtime;

import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Applies the run mode to the configuration before anything starts (no database, no web server yet):
 * production refuses unsafe settings with one message naming each problem, and gets the settings it must
 * have; the demo listens on loopback unless {@code SERVER_ADDRESS} says otherwise.
 */
public class ModeSettings implements EnvironmentPostProcessor, Ordered {

  /** Production's non-negotiable settings: no embedded sandbox, session cookies only over TLS. */
  static final Map<String, Object> PRODUCTION_FORCED = Map.of(
      "offerdesk.sandbox.enabled", "false",
      "server.servlet.session.cookie.secure", "true",
      "server.servlet.session.cookie.http-only", "true",
      "server.servlet.session.cookie.same-site", "lax");

  /**
   * Production defaults an operator may change: behind a TLS-terminating proxy, Tomcat takes the scheme
   * and client address from X-Forwarded-* headers, but only from proxies on private addresses.
   */
  static final Map<String, Object> PRODUCTION_DEFAULTS = Map.of("server.forward-headers-strategy", "native");

  /** The demo is reachable from this machine only, unless {@code SERVER_ADDRESS} opens it. */
  static final Map<String, Object> DEMO_DEFAULTS = Map.of("server.address", "127.0.0.1");

  static final String DEMO_DEFAULTS_SOURCE = "offerdesk-demo-defaults";

  private final Log log;

  public ModeSettings(DeferredLogFactory logs) {
    this.log = logs.getLog(ModeSettings.class);
  }

  ModeSettings() {
    this(destination -> destination.get());
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
      AheadOfTime.forProcessing(environment); // the build, for OfferDesk's context and the embedded sandbox's
    }
    if (!isOfferDesk(application)) {
      return; // the embedded sandbox's own context: the platform's rules are not its business
    }
    RunMode mode = RunMode.parse(environment.getProperty(RunMode.PROPERTY));
    if (mode.isProduction()) {
      List<String> problems = ProductionReadiness.problems(property -> configured(environment, property));
      if (!problems.isEmpty()) {
        throw new UnsafeProductionConfiguration(problems);
      }
      environment.getPropertySources().addFirst(new MapPropertySource("offerdesk-production", PRODUCTION_FORCED));
      environment.getPropertySources().addLast(
          new MapPropertySource("offerdesk-production-defaults", PRODUCTION_DEFAULTS));
    } else {
      environment.getPropertySources().addLast(new MapPropertySource(DEMO_DEFAULTS_SOURCE, DEMO_DEFAULTS));
      AheadOfTime.decide(environment, log);
    }
  }

  /**
   * The value the operator configured for a property, or null. OfferDesk's own application.properties
   * wires most settings to their environment variable with a default ({@code ${OFFERDESK_PUBLIC_URL:...}});
   * such a default is not a configured value.
   */
  static String configured(ConfigurableEnvironment environment, String property) {
    String variable = ProductionReadiness.environmentName(property);
    for (PropertySource<?> source : environment.getPropertySources()) {
      if ("configurationProperties".equals(source.getName())) {
        continue; // a view over all the others
      }
      Object raw = source.getProperty(property);
      if (raw == null) {
        continue;
      }
      String text = raw.toString();
      if (text.startsWith("${" + variable + ":") || text.startsWith("${" + variable + "}")) {
        continue;
      }
      return environment.resolvePlaceholders(text);
    }
    return null;
  }

  static boolean isOfferDesk(SpringApplication application) {
    return application.getAllSources().stream()
        .map(source -> source instanceof Class<?> type ? type.getName() : String.valueOf(source))
        .anyMatch(name -> name.startsWith("org.offerdesk.app."));
  }

  /** After application.properties and the environment are read. */
  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }
}
