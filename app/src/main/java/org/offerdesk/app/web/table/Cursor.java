package org.offerdesk.app.web.table;

import org.offerdesk.app.errors.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The one cursor format of every OfferDesk list: where the next page starts, as the sort's name, the sort
 * value of the last row shown and that row's key. Clients see an opaque base64url token. It carries a
 * check over its content, so a cursor that was cut, edited or made for another sort is refused with a
 * 400 instead of silently starting somewhere else; the check is not a secret (a cursor only says where to
 * resume, and every list query is scoped to the caller's organization anyway).
 */
public record Cursor(String sort, String value, String key) {

  private static final char SEPARATOR = '\u001f';
  private static final String VERSION = "c1";

  /** The token a client sends back to get the page after this position. */
  public String encode() {
    String body = VERSION + SEPARATOR + sort + SEPARATOR + value + SEPARATOR + key;
    String token = body + SEPARATOR + check(body);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a token names, or null for a blank token (the first page).
   *
   * @throws InvalidInput 400 on the {@code cursor} parameter when the token is not one this sort handed out
   */
  public static Cursor decode(String token, String expectedSort) {
    if (token == null || token.isBlank()) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
      String[] parts = text.split(String.valueOf(SEPARATOR), -1);
      if (parts.length == 5 && parts[0].equals(VERSION) && parts[1].equals(expectedSort)) {
        String body = String.join(String.valueOf(SEPARATOR), Arrays.copyOf(parts, 4));
        if (MessageDigest.isEqual(check(body).getBytes(StandardCharsets.UTF_8),
            parts[4].getBytes(StandardCharsets.UTF_8))) {
          return new Cursor(parts[1], parts[2], parts[3]);
        }
      }
    } catch (IllegalArgumentException e) {
      // not base64: refused below like any other token this list did not hand out
    }
    throw refused();
  }

  /** The problem every unusable cursor gets. */
  static InvalidInput refused() {
    return new InvalidInput("cursor", "is not a cursor this list returned for this sort");
  }

  /**
   * SHA-256, looked up once: each check clones it (a copy of its empty state) instead of asking the security
   * providers for the algorithm again, as {@code MessageDigest.getInstance} does on every call (every list page
   * with a next page encodes a cursor).
   */
  private static final MessageDigest SHA_256 = sha256();

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static String check(String body) {
    MessageDigest sha256;
    try {
      sha256 = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      sha256 = sha256();
    }
    byte[] digest = sha256.digest(body.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
  }
}
