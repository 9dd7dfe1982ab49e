package org.offerdesk.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.MainClasses;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * When a demo start may use the bean definitions the build made ahead of time: only when nothing it is given can
 * change which beans exist. The definitions themselves start OfferDesk in CrashRestartIT (the README's ./run).
 */
class AheadOfTimeTest {

  private static final ClassLoader CLASSES = AheadOfTimeTest.class.getClassLoader();

  /** What ./run reads with {@code variables} in its environment and {@code arguments} on its command line. */
  static StandardEnvironment run(Map<String, Object> variables, String... arguments) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments));
    env.getPropertySources().addLast(new MapPropertySource(
        "Config resource 'class path resource [application.properties]' via location 'optional:classpath:/'",
        Map.of("spring.mail.default-encoding", "UTF-8", "server.error.include-message", "always",
            "offerdesk.sandbox.enabled", "${OFFERDESK_SANDBOX_ENABLED:true}")));
    env.getPropertySources().addLast(new MapPropertySource(ModeSettings.DEMO_DEFAULTS_SOURCE,
        Map.<String, Object>copyOf(ModeSettings.DEMO_DEFAULTS)));
    return env;
  }

  @Test
  void the_shipped_settings_with_ports_folder_password_and_database_use_them() {
    StandardEnvironment env = run(Map.of("SERVER_PORT", "8081", "SERVER_ADDRESS", "0.0.0.0",
        "OFFERDESK_SANDBOX_PORT", "8091", "OFFERDESK_DATA_DIR", "/srv/offerdesk", "OFFERDESK_ADMIN_PASSWORD", "pw",
        "DATABASE_URL", "postgres://u:p@localhost:5432/od", "OFFERDESK_DEMO_DATA", "none"),
        "--offerdesk.finance.sync-interval=PT1S");
    assertThat(AheadOfTime.obstacle(env, CLASSES)).isNull();
  }

  @Test
  void a_spring_management_springdoc_or_server_setting_anywhere_keeps_the_start_from_them() {
    assertThat(AheadOfTime.obstacle(run(Map.of("SPRING_MAIL_HOST", "smtp.example.com")), CLASSES))
        .startsWith("SPRING_MAIL_HOST is set (systemEnvironment)");
    assertThat(AheadOfTime.obstacle(run(Map.of(), "--management.endpoints.web.exposure.include=*"), CLASSES))
        .startsWith("management.endpoints.web.exposure.include is set ("
            + CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME + ")");
    assertThat(AheadOfTime.obstacle(run(Map.of("SPRINGDOC_SWAGGER_UI_ENABLED", "false")), CLASSES))
        .startsWith("SPRINGDOC_SWAGGER_UI_ENABLED is set");
    assertThat(AheadOfTime.obstacle(run(Map.of("SERVER_FORWARD_HEADERS_STRATEGY", "framework")), CLASSES))
        .startsWith("SERVER_FORWARD_HEADERS_STRATEGY is set");
    StandardEnvironment file = run(Map.of());
    file.getPropertySources().addFirst(new MapPropertySource(
        "Config resource 'file [config/application.properties]' via location 'optional:file:./config/'",
        Map.of("spring.threads.virtual.enabled", "true")));
    assertThat(AheadOfTime.obstacle(file, CLASSES))
        .startsWith("spring.threads.virtual.enabled is set (Config resource 'file [config/application.properties]'");
  }

  @Test
  void the_embedded_sandbox_switched_off_or_given_another_clock_keeps_the_start_from_them() {
    assertThat(AheadOfTime.obstacle(run(Map.of("OFFERDESK_SANDBOX_ENABLED", "false")), CLASSES))
        .startsWith("OFFERDESK_SANDBOX_ENABLED is set");
    assertThat(AheadOfTime.obstacle(run(Map.of(), "--offerdesk.sandbox.clock-url=http://127.0.0.1:9000"), CLASSES))
        .startsWith("offerdesk.sandbox.clock-url is set");
    assertThat(AheadOfTime.obstacle(run(Map.of("OFFERDESK_SANDBOX_CLOCK_URL", "http://127.0.0.1:9000")), CLASSES))
        .startsWith("OFFERDESK_SANDBOX_CLOCK_URL is set");
  }

  @Test
  void on_a_cloud_platform_spring_boot_configures_for_the_start_does_without_them() {
    assertThat(AheadOfTime.obstacle(run(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1",
        "KUBERNETES_SERVICE_PORT", "443")), CLASSES))
        .isEqualTo("it runs on KUBERNETES, which Spring Boot configures for");
  }

  @Test
  void a_jar_built_without_them_starts_without_them() throws Exception {
    try (URLClassLoader nothing = new URLClassLoader(new URL[0], null)) {
      assertThat(AheadOfTime.obstacle(run(Map.of()), nothing))
          .isEqualTo("this jar has none (" + AheadOfTime.INITIALIZER + " is missing)");
    }
  }

  @Test
  void the_build_makes_them_from_the_shipped_settings_not_from_its_own_environment() {
    StandardEnvironment build = run(Map.of("SPRING_MAIL_HOST", "smtp.example.com"));
    AheadOfTime.forProcessing(build);
    assertThat(build.getProperty("spring.mail.host")).isNull();
    assertThat(build.getProperty("offerdesk.sandbox.enabled")).isEqualTo("true");
    assertThat(AheadOfTime.obstacle(build, CLASSES)).isNull();
  }

  @Test
  void offerdesks_own_conditions_are_the_ones_its_rule_knows() {
    // A condition of OfferDesk's own is decided once, at build time, for every start from the definitions: one on a
    // new setting needs that setting in AheadOfTime's rule (and here).
    Set<String> conditioned = MainClasses.APP.stream()
        .filter(type -> !type.getName().contains("__") && !type.getName().contains("$$"))
        .filter(type -> Stream.concat(type.getAnnotations().stream(),
            type.getMethods().stream().flatMap(method -> method.getAnnotations().stream()))
            .anyMatch(AheadOfTimeTest::isCondition))
        .map(JavaClass::getSimpleName)
        .collect(Collectors.toSet());
    assertThat(conditioned)
        .containsExactlyInAnyOrder("EmbeddedSandbox", "EmbeddedSandboxFirst", "StandaloneSandboxClock");
    assertThat(AheadOfTime.deciding("offerdesk.sandbox.enabled")).isTrue();
    assertThat(AheadOfTime.deciding("offerdesk.sandbox.clock-url")).isTrue();
  }

  private static boolean isCondition(JavaAnnotation<?> annotation) {
    String name = annotation.getRawType().getName();
    return name.startsWith("org.springframework.boot.autoconfigure.condition.Conditional")
        || name.equals("org.springframework.context.annotation.Conditional")
        || name.equals("org.springframework.context.annotation.Profile");
  }
}
