package org.offerdesk.app.identity.internal;

import org.offerdesk.app.secrets.RandomSecret;
import org.offerdesk.app.web.TokenHash;

/**
 * API token secrets: 256 random bits shown once, kept only as a SHA-256 hash. A fast hash is right
 * here (unlike for passwords) because the secret is random, not chosen by a person.
 */
final class TokenSecrets {

  static final String PREFIX = "od_";

  private TokenSecrets() {}

  static String generate() {
    return RandomSecret.withPrefix(PREFIX);
  }

  static String hash(String secret) {
    return TokenHash.hex(secret);
  }

  /** The part of a secret shown in lists so people can tell their tokens apart. */
  static String displayPrefix(String secret) {
    return secret.substring(0, Math.min(secret.length(), PREFIX.length() + 6));
  }
}
