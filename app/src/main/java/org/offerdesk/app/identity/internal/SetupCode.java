package org.offerdesk.app.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.function.Supplier;
import org.offerdesk.app.errors.InvalidInput;
import org.springframework.stereotype.Component;

/**
 * The one-time code that guards the setup page, as Jenkins and Grafana do: it is printed in the log of
 * this instance when it starts with no organization, so only whoever can read that log can claim the
 * installation. It works once; a failed attempt (a weak password, say) does not use it up.
 */
@Component
class SetupCode {

  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom random = new SecureRandom();

  private String code;
  private boolean used;

  /** Makes this instance's code (25 characters, about 125 bits) and returns it, to be printed once. */
  synchronized String issue() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      if (i > 0 && i % 5 == 0) {
        sb.append('-');
      }
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    code = sb.toString();
    used = false;
    return code;
  }

  /**
   * Runs {@code action} if {@code candidate} is the code and it was not used yet; the code is used up only
   * when the action succeeds. One redemption at a time, so two requests with the same code cannot both run.
   */
  synchronized <T> T redeem(String candidate, Supplier<T> action) {
    if (code == null) {
      throw new InvalidInput("setupCode", "this instance has no setup code: restart it to print one in its log");
    }
    if (used) {
      throw new InvalidInput("setupCode", "the setup code was already used");
    }
    if (!MessageDigest.isEqual(normalize(candidate).getBytes(StandardCharsets.UTF_8),
        normalize(code).getBytes(StandardCharsets.UTF_8))) {
      throw new InvalidInput("setupCode", "is not the setup code printed in OfferDesk's log");
    }
    T result = action.get();
    used = true;
    return result;
  }

  private static String normalize(String value) {
    return value == null ? "" : value.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }
}
