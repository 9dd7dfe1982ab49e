package org.offerdesk.app.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the secrets OfferDesk must keep and use again (marketplace keys, webhook signing secrets) with
 * AES-256-GCM. The key comes from {@code OFFERDESK_SECRET_KEY} or, when unset, from a key file generated
 * once in the data folder; see {@link SealingKey} for how the AES key is derived from it. Several
 * instances on one database must share the key.
 *
 * <p>A sealed value reads {@code v2:<key id>:<base64 of iv, ciphertext and tag>}, the prefix bound to the
 * ciphertext as associated data. Values of the first format ({@code v1:}, key = SHA-256 of the key) still
 * open. To rotate, set the new key as {@code OFFERDESK_SECRET_KEY} and the old one as
 * {@code OFFERDESK_SECRET_KEY_PREVIOUS}: values of either key open, new ones are sealed with the new key,
 * and {@link SecretRekeying} re-seals the stored ones on start.
 */
@Component
public class SecretBox {

  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  private static final String LEGACY = "v1:";
  private static final String CURRENT = "v2:";
  private static final int IV_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom random = new SecureRandom();

  private final SealingKey key;
  private final Optional<SealingKey> previous;
  private final int passphraseIterations;

  @Autowired
  SecretBox(@Value("${offerdesk.secret-key:${OFFERDESK_SECRET_KEY:}}") String configured,
      @Value("${offerdesk.secret-key-previous:${OFFERDESK_SECRET_KEY_PREVIOUS:}}") String previous,
      @Value("${offerdesk.data-dir:./data}") String dataDir) {
    this(configured, previous, dataDir, SealingKey.PBKDF2_ITERATIONS);
  }

  /** As OfferDesk's, with a passphrase stretched by {@code passphraseIterations} rounds of PBKDF2 (tests use few). */
  SecretBox(String configured, String previous, String dataDir, int passphraseIterations) {
    String material = configured.isBlank() ? keyFile(Path.of(dataDir).resolve("secret.key")) : configured;
    this.passphraseIterations = passphraseIterations;
    this.key = SealingKey.derive(material, passphraseIterations);
    this.previous = previous.isBlank() || previous.equals(material)
        ? Optional.empty() : Optional.of(SealingKey.derive(previous, passphraseIterations));
    this.previous.ifPresent(p -> log.info("Secrets are sealed with key {}; key {} (OFFERDESK_SECRET_KEY_PREVIOUS) "
        + "still opens older ones", key.id(), p.id()));
  }

  /** How many rounds of PBKDF2 stretch a configured passphrase (a key shorter than 32 characters). */
  int passphraseIterations() {
    return passphraseIterations;
  }

  /** The id of the key new values are sealed with (not secret: it is stored beside every ciphertext). */
  public String keyId() {
    return key.id();
  }

  public String seal(String plaintext) {
    String header = CURRENT + key.id() + ":";
    try {
      byte[] iv = new byte[IV_LENGTH];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return header + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt a secret", e);
    }
  }

  /**
   * The plaintext of a sealed value. A value no configured key opens throws
   * {@link UnreadableSecretException}; AES-GCM's tag guarantees a wrong key never yields garbage.
   */
  public String open(String sealed) {
    if (sealed.startsWith(CURRENT)) {
      int colon = sealed.indexOf(':', CURRENT.length());
      if (colon < 0) {
        throw new UnreadableSecretException("A stored secret is not in a known format");
      }
      String id = sealed.substring(CURRENT.length(), colon);
      SealingKey opener = keys().stream().filter(k -> k.id().equals(id)).findFirst()
          .orElseThrow(() -> new UnreadableSecretException("A stored secret was sealed with key " + id
              + ", which is neither OFFERDESK_SECRET_KEY (key " + key.id() + ")"
              + previous.map(p -> " nor OFFERDESK_SECRET_KEY_PREVIOUS (key " + p.id() + ")").orElse("")
              + ": set the key it was sealed with, or re-enter the secret"));
      return decrypt(opener.aes(), sealed.substring(0, colon + 1), sealed.substring(colon + 1))
          .orElseThrow(() -> new UnreadableSecretException(
              "A stored secret sealed with key " + id + " is damaged and cannot be decrypted; re-enter it"));
    }
    if (sealed.startsWith(LEGACY)) {
      String body = sealed.substring(LEGACY.length());
      for (SealingKey candidate : keys()) {
        Optional<String> opened = decrypt(candidate.legacyAes(), null, body);
        if (opened.isPresent()) {
          return opened.get();
        }
      }
      throw new UnreadableSecretException("A stored secret (first format) cannot be decrypted with "
          + "OFFERDESK_SECRET_KEY" + previous.map(p -> " or OFFERDESK_SECRET_KEY_PREVIOUS").orElse("")
          + ": was the key changed? Set the old one as OFFERDESK_SECRET_KEY_PREVIOUS, or re-enter the secret");
    }
    throw new UnreadableSecretException("A stored secret is not in a known format");
  }

  /** True when the value is not yet sealed with the current key in the current format. */
  public boolean needsResealing(String sealed) {
    return !sealed.startsWith(CURRENT + key.id() + ":");
  }

  /** The same secret sealed with the current key. */
  public String reseal(String sealed) {
    return needsResealing(sealed) ? seal(open(sealed)) : sealed;
  }

  private List<SealingKey> keys() {
    return previous.map(p -> List.of(key, p)).orElse(List.of(key));
  }

  /** Empty when the key does not fit (the GCM tag does not verify). */
  private static Optional<String> decrypt(SecretKeySpec aes, String header, String body) {
    byte[] in;
    try {
      in = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException notBase64) {
      throw new UnreadableSecretException("A stored secret is not in a known format");
    }
    if (in.length < IV_LENGTH + TAG_BITS / 8) {
      throw new UnreadableSecretException("A stored secret is truncated");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(TAG_BITS, in, 0, IV_LENGTH));
      if (header != null) {
        cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
      }
      return Optional.of(new String(cipher.doFinal(in, IV_LENGTH, in.length - IV_LENGTH), StandardCharsets.UTF_8));
    } catch (AEADBadTagException wrongKey) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not decrypt a secret", e);
    }
  }

  /** A stored secret that no configured key opens; the message says which key it needs. */
  public static class UnreadableSecretException extends IllegalStateException {
    UnreadableSecretException(String message) {
      super(message);
    }
  }

  private static String keyFile(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      String generated = Base64.getEncoder().encodeToString(bytes);
      Files.writeString(file, generated);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      log.info("Generated a secret key in {}; set OFFERDESK_SECRET_KEY to share one across instances", file);
      return generated;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or create the secret key file " + file, e);
    }
  }
}
