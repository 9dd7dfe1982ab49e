package org.offerdesk.app.identity.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a password a person chose is strong enough: long enough, not one of the passwords every
 * attacker tries first, not a run or a repetition, and not made of the account's own email or
 * organization name. The message says what to change.
 */
final class PasswordRules {

  static final int MIN_LENGTH = Team.MIN_PASSWORD_LENGTH;
  static final int MAX_LENGTH = 200;

  /** The core words of the most common passwords; "Password2024!" is "password" with decoration. */
  private static final Set<String> COMMON = Set.of("password", "passw", "passwd", "pass", "qwerty", "qwertyuiop",
      "qwertz", "azerty", "asdf", "asdfgh", "asdfghjkl", "zxcvbnm", "letmein", "welcome", "admin", "administrator",
      "iloveyou", "monkey", "dragon", "football", "baseball", "soccer", "sunshine", "princess", "master", "login",
      "starwars", "superman", "batman", "trustno", "changeme", "secret", "offerdesk", "abc", "abcdef", "test",
      "hello", "freedom", "whatever", "shadow", "michael", "default", "root", "user", "guest", "summer", "winter",
      "spring", "autumn", "company");

  private PasswordRules() {}

  /** What is wrong with the password, or empty when it is strong enough. */
  static Optional<String> problem(String password, String email, String organizationName) {
    if (password == null || password.length() < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (lower.chars().distinct().count() < 6) {
      return Optional.of("must use at least 6 different characters");
    }
    if (isRun(lower)) {
      return Optional.of("must not be a run of consecutive characters like 123456789012 or abcdefghijkl");
    }
    String letters = lower.replaceAll("[^a-z]", "");
    if (lower.chars().allMatch(Character::isDigit)) {
      return Optional.of("must not be only digits");
    }
    if (COMMON.contains(letters)) {
      return Optional.of("is too common: avoid well-known passwords, even with digits or symbols added");
    }
    if (letters.length() >= 8 && repeats(letters)) {
      return Optional.of("must not repeat a short word");
    }
    String local = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@")[0].replaceAll("[^a-z]", "");
    if (local.length() >= 4 && letters.equals(local)) {
      return Optional.of("must not be made of your email address");
    }
    String org = organizationName == null ? "" : organizationName.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (org.length() >= 4 && letters.equals(org)) {
      return Optional.of("must not be made of the organization's name");
    }
    return Optional.empty();
  }

  private static boolean isRun(String text) {
    int steps = 0;
    for (int i = 1; i < text.length(); i++) {
      int d = text.charAt(i) - text.charAt(i - 1);
      if (d == 1 || d == -1 || d == 0) {
        steps++;
      }
    }
    return steps >= (text.length() - 1) * 3 / 4;
  }

  private static boolean repeats(String text) {
    int n = text.length();
    for (int period = 1; period <= n / 2; period++) {
      if (n % period == 0 && text.substring(0, period).repeat(n / period).equals(text)) {
        return true;
      }
    }
    return false;
  }
}
