package org.offerdesk.app.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the secrets OfferDesk must keep and use again (marketplace keys, webhook signing secrets) with AES-256-GCM. The key comes from
 * {@code OFFERDESK_SECRET_KEY} (any phrase; it is hashed to 256 bits) or, when unset, from a key file
 * generated once in the data folder. Several instances on one database must share the key.
 */
@Component
public class SecretBox {

  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  private static final String VERSION = "v1:";
  private static final SecureRandom random = new SecureRandom();

  private final SecretKeySpec key;

  SecretBox(@Value("${offerdesk.secret-key:${OFFERDESK_SECRET_KEY:}}") String configured,
      @Value("${offerdesk.data-dir:./data}") String dataDir) {
    String material = configured.isBlank() ? keyFile(Path.of(dataDir).resolve("secret.key")) : configured;
    this.key = new SecretKeySpec(sha256(material), "AES");
  }

  public String seal(String plaintext) {
    try {
      byte[] iv = new byte[12];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return VERSION + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt a secret", e);
    }
  }

  public String open(String sealed) {
    if (!sealed.startsWith(VERSION)) {
      throw new IllegalStateException("Unknown secret format");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
      return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "A stored secret cannot be decrypted: was OFFERDESK_SECRET_KEY changed? Re-enter the marketplace keys", e);
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

  private static byte[] sha256(String material) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
