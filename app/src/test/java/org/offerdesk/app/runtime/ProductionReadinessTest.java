package org.offerdesk.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offerdesk.app.OfferDeskApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** What production mode refuses, one configuration at a time, and the one message that names it all. */
class ProductionReadinessTest {

  static final String GOOD_KEY = "q3J0x9vN2mL8sT4kW7pZ1aB6cD5eF0gH+iJ/kL2mN4o=";

  static Map<String, String> good() {
    Map<String, String> settings = new HashMap<>();
    settings.put("offerdesk.secret-key", GOOD_KEY);
    settings.put("offerdesk.public-url", "https://offerdesk.example.com");
    return settings;
  }

  static List<String> problems(Map<String, String> settings) {
    return ProductionReadiness.problems(settings::get);
  }

  @Test
  void a_good_configuration_passes() {
    assertThat(problems(good())).isEmpty();
    Map<String, String> withFalseFlags = good();
    withFalseFlags.put("offerdesk.sandbox.enabled", "false");
    withFalseFlags.put("offerdesk.demo-organizations", "false");
    withFalseFlags.put("offerdesk.sandbox.clock-url", "  ");
    assertThat(problems(withFalseFlags)).isEmpty();
  }

  @Test
  void a_missing_secret_key_is_refused() {
    Map<String, String> settings = good();
    settings.remove("offerdesk.secret-key");
    assertThat(problems(settings)).singleElement().asString()
        .startsWith("OFFERDESK_SECRET_KEY is not set").contains("openssl rand -base64 32");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "short-but-random-Xk29",                                 // too short
      "test-secret-key",                                       // known from the tests
      "please-changeme-before-going-to-production-2026",       // placeholder
      "offerdesk-production-secret-key-for-our-company",       // placeholder
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",              // one character
      "abcabcabcabcabcabcabcabcabcabcabcabcabcabc",            // few different characters
      "Xy7!pQ2#Xy7!pQ2#Xy7!pQ2#Xy7!pQ2#Xy7!pQ2#",              // a repeated part
      "abcdefghijklmnopqrstuvwxyz0123456789"})                 // a run
  void a_weak_secret_key_is_refused(String key) {
    Map<String, String> settings = good();
    settings.put("offerdesk.secret-key", key);
    assertThat(problems(settings)).singleElement().asString().startsWith("OFFERDESK_SECRET_KEY is weak: ");
  }

  @Test
  void a_missing_public_url_is_refused() {
    Map<String, String> settings = good();
    settings.remove("offerdesk.public-url");
    assertThat(problems(settings)).singleElement().asString().startsWith("OFFERDESK_PUBLIC_URL is not set");
  }

  @Test
  void a_plain_http_public_url_is_refused_unless_explicitly_allowed() {
    Map<String, String> settings = good();
    settings.put("offerdesk.public-url", "http://offerdesk.example.com");
    assertThat(problems(settings)).singleElement().asString()
        .startsWith("OFFERDESK_PUBLIC_URL is not https (http://offerdesk.example.com)")
        .contains("OFFERDESK_ALLOW_HTTP=true");

    settings.put("offerdesk.allow-http", "true");
    assertThat(problems(settings)).isEmpty();
  }

  @Test
  void a_public_url_that_is_no_url_is_refused() {
    Map<String, String> settings = good();
    settings.put("offerdesk.public-url", "offerdesk.example.com");
    assertThat(problems(settings)).singleElement().asString()
        .startsWith("OFFERDESK_PUBLIC_URL must be an absolute https:// URL");
  }

  @Test
  void each_demo_only_setting_is_refused_with_its_name() {
    Map<String, String> demoOnly = Map.of(
        "offerdesk.sandbox.enabled", "OFFERDESK_SANDBOX_ENABLED is set: the embedded marketplace sandbox",
        "offerdesk.sandbox.clock-url", "OFFERDESK_SANDBOX_CLOCK_URL is set: a movable marketplace clock",
        "offerdesk.bootstrap-token", "OFFERDESK_BOOTSTRAP_TOKEN is set: a fixed API token",
        "offerdesk.bootstrap-reseller-token", "OFFERDESK_BOOTSTRAP_RESELLER_TOKEN is set: a fixed API token",
        "offerdesk.admin-password", "OFFERDESK_ADMIN_PASSWORD is set: a fixed password of the demo admins",
        "offerdesk.demo-organizations", "OFFERDESK_DEMO_ORGANIZATIONS is set: demo organizations are never created");
    demoOnly.forEach((property, message) -> {
      Map<String, String> settings = good();
      settings.put(property, property.equals("offerdesk.sandbox.clock-url") ? "http://127.0.0.1:8090" : "true");
      assertThat(problems(settings)).as(property).singleElement().asString().startsWith(message).endsWith("Remove it");
    });
  }

  @Test
  void one_message_names_every_problem() {
    Map<String, String> settings = new HashMap<>();
    settings.put("offerdesk.public-url", "http://offerdesk.example.com");
    settings.put("offerdesk.sandbox.enabled", "true");
    settings.put("offerdesk.bootstrap-token", "od_bootstrap-for-automation-42");
    List<String> problems = problems(settings);
    assertThat(problems).hasSize(4);

    String message = ProductionReadiness.refusal(problems);
    assertThat(message).startsWith("OfferDesk refuses to start in production mode (OFFERDESK_MODE=production) "
        + "because of 4 problems:");
    assertThat(message).contains("\n  - OFFERDESK_SECRET_KEY is not set", "\n  - OFFERDESK_PUBLIC_URL is not https",
        "\n  - OFFERDESK_SANDBOX_ENABLED is set", "\n  - OFFERDESK_BOOTSTRAP_TOKEN is set");
  }

  @Test
  void production_refuses_before_anything_starts() {
    // No database is configured for this application: it fails in the configuration, before any bean.
    SpringApplication application = new SpringApplication(OfferDeskApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    assertThatThrownBy(() -> application.run("--offerdesk.mode=production", "--offerdesk.admin-password=x",
        "--offerdesk.public-url=https://offerdesk.example.com"))
        .isInstanceOfSatisfying(UnsafeProductionConfiguration.class, e -> assertThat(e.problems())
            .satisfiesExactly(
                p -> assertThat(p).startsWith("OFFERDESK_SECRET_KEY is not set"),
                p -> assertThat(p).startsWith("OFFERDESK_ADMIN_PASSWORD is set")));
  }
}
