package org.offerdesk.app.secrets;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): turns key material that is already high in entropy into keys for
 * separate purposes, each named by its {@code info}. Not for passphrases: those go through PBKDF2 first.
 */
final class Hkdf {

  private static final String HMAC = "HmacSHA256";
  private static final int HASH_LENGTH = 32;

  private Hkdf() {}

  /** Extract: a pseudorandom key from the input key material; an empty salt means 32 zero bytes. */
  static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
    byte[] effectiveSalt = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
    return mac(effectiveSalt).doFinal(inputKeyMaterial);
  }

  /** Expand: {@code length} bytes of output keying material for the purpose named by {@code info}. */
  static byte[] expand(byte[] pseudorandomKey, byte[] info, int length) {
    if (length < 1 || length > 255 * HASH_LENGTH) {
      throw new IllegalArgumentException("HKDF-SHA256 gives 1 to " + 255 * HASH_LENGTH + " bytes, not " + length);
    }
    Mac mac = mac(pseudorandomKey);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    int written = 0;
    for (int counter = 1; written < length; counter++) {
      mac.update(block);
      mac.update(info);
      mac.update((byte) counter);
      block = mac.doFinal();
      int n = Math.min(block.length, length - written);
      System.arraycopy(block, 0, out, written, n);
      written += n;
    }
    return out;
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
