package org.offerdesk.app.runtime;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What production mode refuses, checked before anything starts: every problem is named at once, so an
 * operator fixes the configuration in one go rather than one restart per mistake.
 *
 * <p>It reads settings by their property name ({@code offerdesk.secret-key}); the environment variable of
 * each ({@code OFFERDESK_SECRET_KEY}) is what the messages name, since that is what people set.
 */
public final class ProductionReadiness {

  /** The shortest secret key production accepts; 32 random characters carry well over 128 bits. */
  public static final int MIN_SECRET_KEY_LENGTH = 32;

  /** Values that appear in examples and tutorials; whoever copies one has no secret at all. */
  private static final Set<String> KNOWN_KEYS = Set.of("test-secret-key", "changeme", "change-me", "secret",
      "offerdesk", "password", "your-secret-key", "my-secret-key", "supersecret", "default");

  /** Words that give away a placeholder left in place instead of a generated key. */
  private static final List<String> PLACEHOLDER_WORDS = List.of("changeme", "change-me", "change_me",
      "changethis", "replaceme", "replace-me", "placeholder", "example", "your-secret", "your_secret",
      "yoursecret", "secret-key", "secret_key", "secretkey", "xxxxxxxx");

  private static final List<DemoSetting> DEMO_ONLY = List.of(
      new DemoSetting("offerdesk.sandbox.enabled", true,
          "the embedded marketplace sandbox is for the demo; production talks to AWS Marketplace"),
      new DemoSetting("offerdesk.sandbox.clock-url", false,
          "a movable marketplace clock is demo time travel; production follows the wall clock"),
      new DemoSetting("offerdesk.bootstrap-token", false,
          "a fixed API token of the demo seller; in production create tokens in Settings → API tokens"),
      new DemoSetting("offerdesk.bootstrap-reseller-token", false,
          "a fixed API token of the demo reseller; in production create tokens in Settings → API tokens"),
      new DemoSetting("offerdesk.admin-password", false,
          "a fixed password of the demo admins; in production the first admin is created by first-run setup"),
      new DemoSetting("offerdesk.demo-organizations", true,
          "demo organizations are never created in production"));

  /** A setting only the demo may turn on; {@code flag} settings are refused when true, others when set. */
  private record DemoSetting(String property, boolean flag, String why) {}

  private ProductionReadiness() {}

  /**
   * The problems of a production configuration, empty when it may start.
   *
   * @param configured the value of a property as configured by the operator, or null when unset (defaults
   *     of OfferDesk itself do not count as configured)
   */
  public static List<String> problems(Function<String, String> configured) {
    List<String> problems = new ArrayList<>();
    secretKeyProblem(configured.apply("offerdesk.secret-key")).ifPresent(problems::add);
    boolean allowHttp = "true".equalsIgnoreCase(trimmed(configured.apply("offerdesk.allow-http")));
    publicUrlProblem(configured.apply("offerdesk.public-url"), allowHttp).ifPresent(problems::add);
    for (DemoSetting setting : DEMO_ONLY) {
      String value = trimmed(configured.apply(setting.property()));
      boolean on = setting.flag() ? "true".equalsIgnoreCase(value) : !value.isEmpty();
      if (on) {
        problems.add(environmentName(setting.property()) + " is set: " + setting.why() + ". Remove it");
      }
    }
    return List.copyOf(problems);
  }

  /** The one message that lists every problem, as printed when production mode refuses to start. */
  public static String refusal(List<String> problems) {
    StringBuilder sb = new StringBuilder("OfferDesk refuses to start in production mode (OFFERDESK_MODE=production) "
        + "because of " + (problems.size() == 1 ? "1 problem" : problems.size() + " problems") + ":");
    for (String problem : problems) {
      sb.append("\n  - ").append(problem);
    }
    sb.append("\nFix these settings and start again (\"Running in production\" in the README lists them), "
        + "or run the demo with ./run.");
    return sb.toString();
  }

  static Optional<String> secretKeyProblem(String key) {
    String value = trimmed(key);
    String advice = " Generate one with `openssl rand -base64 32` and set the same value on every instance";
    if (value.isEmpty()) {
      return Optional.of("OFFERDESK_SECRET_KEY is not set: production needs a key of its own to "
          + "encrypt stored marketplace keys and webhook secrets (at least " + MIN_SECRET_KEY_LENGTH
          + " random characters)." + advice);
    }
    String reason = weakness(value);
    return reason == null ? Optional.empty()
        : Optional.of("OFFERDESK_SECRET_KEY is weak: " + reason + "." + advice);
  }

  /** Why a secret key is weak, or null when it is not. */
  static String weakness(String key) {
    if (key.length() < MIN_SECRET_KEY_LENGTH) {
      return "it has " + key.length() + " characters, at least " + MIN_SECRET_KEY_LENGTH + " are needed";
    }
    String lower = key.toLowerCase(Locale.ROOT);
    if (KNOWN_KEYS.contains(lower)) {
      return "it is a value from examples";
    }
    for (String word : PLACEHOLDER_WORDS) {
      if (lower.contains(word)) {
        return "it looks like a placeholder (it contains \"" + word + "\")";
      }
    }
    if (lower.chars().distinct().count() < 8) {
      return "it uses fewer than 8 different characters";
    }
    if (repeatsShorterPart(key)) {
      return "it repeats a shorter part";
    }
    if (isRun(lower)) {
      return "it is a run of consecutive characters";
    }
    return null;
  }

  static Optional<String> publicUrlProblem(String url, boolean allowHttp) {
    String value = trimmed(url);
    if (value.isEmpty()) {
      return Optional.of("OFFERDESK_PUBLIC_URL is not set: production needs the https:// address "
          + "buyers, partners and your team reach OfferDesk at (for links in emails and the marketplace's "
          + "fulfillment URL)");
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      return Optional.of("OFFERDESK_PUBLIC_URL is not a URL: " + value);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      return Optional.of("OFFERDESK_PUBLIC_URL must be an absolute https:// URL, not " + value);
    }
    if (scheme.equals("http") && !allowHttp) {
      return Optional.of("OFFERDESK_PUBLIC_URL is not https (" + value + "): sessions and API tokens "
          + "would cross the network in clear. Put OfferDesk behind a TLS-terminating proxy and give its https "
          + "address; only if that address really is plain http, set OFFERDESK_ALLOW_HTTP=true");
    }
    return Optional.empty();
  }

  /** {@code offerdesk.secret-key} → {@code OFFERDESK_SECRET_KEY}. */
  public static String environmentName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static boolean repeatsShorterPart(String key) {
    int n = key.length();
    for (int period = 1; period <= n / 2; period++) {
      if (n % period == 0 && key.substring(0, period).repeat(n / period).equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** abcdef…, 0123…, 9876…: each character one above (or below) the one before, for most of the key. */
  private static boolean isRun(String key) {
    int steps = 0;
    for (int i = 1; i < key.length(); i++) {
      int d = key.charAt(i) - key.charAt(i - 1);
      if (d == 1 || d == -1) {
        steps++;
      }
    }
    return steps >= (key.length() - 1) * 3 / 4;
  }

  private static String trimmed(String value) {
    return value == null ? "" : value.trim();
  }
}
