package org.offerdesk.app.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a token or secret that arrives in a request (an API token, a buyer's link, a registration token,
 * a partner's invitation, the operations token), as it is stored and looked up: the secret itself is never kept.
 */
public final class TokenHash {

  private TokenHash() {}

  /** The SHA-256 of the text's UTF-8 bytes. */
  public static byte[] bytes(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** {@link #bytes} in lower-case hex. */
  public static String hex(String text) {
    return HexFormat.of().formatHex(bytes(text));
  }
}
