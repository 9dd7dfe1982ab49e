package org.offerdesk.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.OfferDeskApplication;
import org.offerdesk.sandbox.SandboxApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What each mode does to the configuration: where the web server binds, what production forces. */
class ModeSettingsTest {

  final ModeSettings settings = new ModeSettings();
  final SpringApplication offerDesk = new SpringApplication(OfferDeskApplication.class);

  /** An environment with OfferDesk's own defaults (as application.properties writes them) and the operator's. */
  static StandardEnvironment environment(Map<String, Object> operator) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("operator", operator));
    env.getPropertySources().addLast(new MapPropertySource("application.properties", Map.of(
        "offerdesk.mode", "${OFFERDESK_MODE:demo}",
        "offerdesk.sandbox.enabled", "${OFFERDESK_SANDBOX_ENABLED:true}",
        "offerdesk.demo-organizations", "${OFFERDESK_DEMO_ORGANIZATIONS:true}",
        "offerdesk.public-url", "${OFFERDESK_PUBLIC_URL:http://localhost:${server.port:8080}}")));
    return env;
  }

  static Map<String, Object> goodProduction() {
    return Map.of("offerdesk.mode", "production", "offerdesk.secret-key", ProductionReadinessTest.GOOD_KEY,
        "offerdesk.public-url", "https://offerdesk.example.com");
  }

  @Test
  void the_demo_binds_to_loopback_unless_told_otherwise() {
    StandardEnvironment demo = environment(Map.of());
    settings.postProcessEnvironment(demo, offerDesk);
    assertThat(demo.getProperty("server.address")).isEqualTo("127.0.0.1");

    StandardEnvironment opened = environment(Map.of("server.address", "0.0.0.0"));
    settings.postProcessEnvironment(opened, offerDesk);
    assertThat(opened.getProperty("server.address")).isEqualTo("0.0.0.0");
  }

  @Test
  void production_listens_where_configured_defaulting_to_all_interfaces_behind_its_proxy() {
    StandardEnvironment production = environment(goodProduction());
    settings.postProcessEnvironment(production, offerDesk);
    assertThat(production.getProperty("server.address")).isNull();
    assertThat(production.getProperty("server.forward-headers-strategy")).isEqualTo("native");
  }

  @Test
  void production_turns_the_sandbox_off_and_makes_session_cookies_secure() {
    StandardEnvironment production = environment(goodProduction());
    settings.postProcessEnvironment(production, offerDesk);
    assertThat(production.getProperty("offerdesk.sandbox.enabled")).isEqualTo("false");
    assertThat(production.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
    assertThat(production.getProperty("server.servlet.session.cookie.http-only")).isEqualTo("true");
    assertThat(production.getProperty("server.servlet.session.cookie.same-site")).isEqualTo("lax");
  }

  @Test
  void defaults_of_offerdesk_itself_are_not_configured_values() {
    StandardEnvironment env = environment(Map.of());
    assertThat(ModeSettings.configured(env, "offerdesk.sandbox.enabled")).isNull();
    assertThat(ModeSettings.configured(env, "offerdesk.public-url")).isNull();
    assertThat(ModeSettings.configured(env, "offerdesk.secret-key")).isNull();

    StandardEnvironment set = environment(Map.of("offerdesk.sandbox.enabled", "true",
        "offerdesk.public-url", "https://offerdesk.example.com"));
    assertThat(ModeSettings.configured(set, "offerdesk.sandbox.enabled")).isEqualTo("true");
    assertThat(ModeSettings.configured(set, "offerdesk.public-url")).isEqualTo("https://offerdesk.example.com");
  }

  @Test
  void the_embedded_sandbox_context_is_left_alone() {
    StandardEnvironment sandbox = environment(Map.of("offerdesk.mode", "production"));
    settings.postProcessEnvironment(sandbox, new SpringApplication(SandboxApplication.class));
    assertThat(sandbox.getProperty("server.address")).isNull();
  }
}
