package org.offerdesk.app.secrets;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A new secret to hand out once (an API token, a webhook signing secret): 256 random bits, URL-safe, after
 * a prefix that tells a reader (and a secret scanner) what it is.
 */
public final class RandomSecret {

  private static final SecureRandom random = new SecureRandom();

  private RandomSecret() {}

  public static String withPrefix(String prefix) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
