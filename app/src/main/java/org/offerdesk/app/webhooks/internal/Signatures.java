package org.offerdesk.app.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.offerdesk.app.secrets.RandomSecret;

/**
 * Signing secrets and the {@code OfferDesk-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256
 * of "<t>.<raw body>">}, keyed with the secret's UTF-8 bytes. Signing the time with the body lets a
 * receiver refuse an old message replayed to it.
 */
final class Signatures {

  static final String SECRET_PREFIX = "whsec_";

  private Signatures() {}

  static String newSecret() {
    return RandomSecret.withPrefix(SECRET_PREFIX);
  }

  /** What the console and API show of a secret after it was shown once: its prefix and last four characters. */
  static String hint(String secret) {
    return SECRET_PREFIX + "…" + secret.substring(secret.length() - 4);
  }

  static String header(String secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
  }

  static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
