package org.offerdesk.app.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.offerdesk.sandbox.EmbeddedSandboxAot;
import org.springframework.aot.AotDetector;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Whether a demo start runs from the bean definitions the build made ahead of time (Spring's AOT processing, used on
 * the JVM): the beans, their constructors and the configuration classes' proxies are then known instead of found by
 * scanning the class path and evaluating conditions, about a quarter less CPU in a restart (bench/README, `aot`).
 * {@code ./run} asks for it ({@code -Dofferdesk.aot=true}). The build fixed which beans exist with the settings
 * OfferDesk ships, so a start uses those definitions only when nothing it was given can change that: not in
 * production, and not with a setting under {@code spring.}, {@code management.}, {@code springdoc.} or
 * {@code server.} (but the port and address), nor the embedded sandbox's switch or clock, from the environment, the
 * command line, system properties or a configuration file, nor on a cloud platform Spring Boot recognizes. Such a
 * start runs as without the request, and says why.
 */
final class AheadOfTime {

  /** The property that asks for it ({@code ./run} sets it). */
  static final String REQUEST = "offerdesk.aot";

  static final String INITIALIZER = "org.offerdesk.app.OfferDeskApplication__ApplicationContextInitializer";

  private static final List<String> DECIDING_PREFIXES = List.of("spring.", "management.", "springdoc.", "server.");
  private static final Set<String> NOT_DECIDING = Set.of("server.port", "server.address");
  private static final Set<String> OWN_DECIDING = Set.of("offerdesk.sandbox.enabled", "offerdesk.sandbox.clock.url");

  private AheadOfTime() {}

  /**
   * In the build's processing, the definitions are made from the settings OfferDesk ships, not from the building
   * machine's environment variables (a {@code SPRING_MAIL_HOST} there would otherwise become part of the jar).
   */
  static void forProcessing(ConfigurableEnvironment environment) {
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
  }

  /** Asked for and possible: turns it on for this process (this context and the embedded sandbox's). */
  static void decide(ConfigurableEnvironment environment, Log log) {
    if (!environment.getProperty(REQUEST, Boolean.class, false)) {
      return;
    }
    String obstacle = obstacle(environment, AheadOfTime.class.getClassLoader());
    if (obstacle != null) {
      log.info("Starting without the bean definitions made ahead of time: " + obstacle);
      return;
    }
    SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
    log.info("Starting from the bean definitions made ahead of time, when the jar was built");
  }

  /** Why a demo start cannot use the definitions made ahead of time, or null when it can. */
  static String obstacle(ConfigurableEnvironment environment, ClassLoader classes) {
    for (String initializer : List.of(INITIALIZER, EmbeddedSandboxAot.INITIALIZER)) {
      if (!ClassUtils.isPresent(initializer, classes)) {
        return "this jar has none (" + initializer + " is missing)";
      }
    }
    CloudPlatform platform = CloudPlatform.getActive(environment);
    if (platform != null) {
      return "it runs on " + platform + ", which Spring Boot configures for";
    }
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> names) || shipped(source)) {
        continue;
      }
      for (String name : names.getPropertyNames()) {
        if (deciding(name)) {
          return name + " is set (" + source.getName() + "), which can change what the build fixed";
        }
      }
    }
    return null;
  }

  /**
   * OfferDesk's own application.properties, the demo's defaults, or what Spring Boot adds itself (the application's
   * version and process ID, and a view of all the other sources).
   */
  private static boolean shipped(PropertySource<?> source) {
    String name = source.getName();
    return name.equals("configurationProperties") || name.equals("applicationInfo")
        || name.equals(ModeSettings.DEMO_DEFAULTS_SOURCE)
        || name.contains("class path resource [application.properties]");
  }

  static boolean deciding(String name) {
    String key = name.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
    if (OWN_DECIDING.contains(key)) {
      return true;
    }
    return DECIDING_PREFIXES.stream().anyMatch(key::startsWith) && !NOT_DECIDING.contains(key);
  }
}
