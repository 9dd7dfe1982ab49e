package org.offerdesk.app.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys derived from one configured secret key: the AES-256 key that seals secrets, a public key id
 * stored beside each ciphertext (so a value names the key that opens it and rotation knows what is left
 * to re-encrypt), and the key of the first format, kept only to read values written before.
 *
 * <p>A key of 32 characters or more (what production demands, and what the generated key file holds) is
 * taken as high-entropy material and goes straight into HKDF-SHA256. A shorter one is treated as a
 * passphrase and stretched with PBKDF2-HMAC-SHA256 first, so that guessing it from a stolen ciphertext
 * costs hundreds of thousands of hashes per guess.
 */
record SealingKey(String id, SecretKeySpec aes, SecretKeySpec legacyAes) {

  static final int HIGH_ENTROPY_LENGTH = 32;
  static final int PBKDF2_ITERATIONS = 600_000;
  // Fixed, public salts: they separate OfferDesk's derivations from any other use of the same key. A
  // per-value random salt is not needed for HKDF on high-entropy input, and would have to be stored.
  private static final byte[] HKDF_SALT = bytes("offerdesk/secretbox/v2");
  private static final byte[] PBKDF2_SALT = bytes("offerdesk/secretbox/v2/passphrase");
  private static final byte[] AES_INFO = bytes("aes-256-gcm key");
  private static final byte[] ID_INFO = bytes("key id");

  /** Derives the keys of one configured key, a passphrase stretched as production does; the material is not kept. */
  static SealingKey derive(String material) {
    return derive(material, PBKDF2_ITERATIONS);
  }

  /**
   * As {@link #derive(String)}, a passphrase stretched with {@code iterations} rounds of PBKDF2: production
   * always uses {@link #PBKDF2_ITERATIONS}; tests of the stretching use few, since on the test JVMs' quick JIT
   * 600,000 rounds cost about 15 CPU-seconds per key.
   */
  static SealingKey derive(String material, int iterations) {
    if (material == null || material.isBlank()) {
      throw new IllegalArgumentException("A secret key cannot be blank");
    }
    byte[] input = material.length() >= HIGH_ENTROPY_LENGTH ? bytes(material) : stretch(material, iterations);
    byte[] prk = Hkdf.extract(HKDF_SALT, input);
    String id = HexFormat.of().formatHex(Hkdf.expand(prk, ID_INFO, 6));
    return new SealingKey(id, new SecretKeySpec(Hkdf.expand(prk, AES_INFO, 32), "AES"),
        new SecretKeySpec(sha256(material), "AES"));
  }

  private static byte[] stretch(String passphrase, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray(), PBKDF2_SALT, iterations, 256);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 is not available", e);
    }
  }

  /** The first format's key: one SHA-256 of the material. Only ever used to open old values. */
  private static byte[] sha256(String material) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes(material));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SealingKey[" + id + "]";
  }
}
