package org.offerdesk.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offerdesk.app.secrets.SecretBox.UnreadableSecretException;

class SecretBoxTest {

  static final String OLD_KEY = "Zq3m8W1rYt0pLk5vN7bXc2dF4gH6jS9a=";
  static final String NEW_KEY = "u7Yh2Kd9Qm4Rt1Vx8Bn3Cz6Lp0Sw5Ef2=";

  @TempDir Path dataDir;

  SecretBox box(String key, String previous) {
    return new SecretBox(key, previous, dataDir.toString());
  }

  @Test
  void seals_and_opens_with_the_key_id_in_a_versioned_format() {
    SecretBox box = box(NEW_KEY, "");
    String sealed = box.seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    assertThat(box.keyId()).matches("[0-9a-f]{12}");
    assertThat(sealed).startsWith("v2:" + box.keyId() + ":").doesNotContain("EXAMPLEKEY");
    assertThat(box.open(sealed)).isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    assertThat(box.seal("same")).isNotEqualTo(box.seal("same"));
    assertThat(box.needsResealing(sealed)).isFalse();
  }

  @Test
  void the_key_id_names_the_key_and_reveals_nothing_of_it() {
    assertThat(box(NEW_KEY, "").keyId()).isEqualTo(box(NEW_KEY, "").keyId())
        .isNotEqualTo(box(OLD_KEY, "").keyId());
    assertThat(NEW_KEY.toLowerCase()).doesNotContain(box(NEW_KEY, "").keyId());
  }

  /** Few rounds here: production's 600,000 (proved below) cost about 15 CPU-seconds per key on the tests' JIT. */
  static final int FEW_ROUNDS = 1_000;

  @Test
  void a_short_passphrase_is_stretched_and_still_round_trips() {
    SecretBox box = new SecretBox("correct horse", "", dataDir.toString(), FEW_ROUNDS);
    assertThat(box.open(box.seal("s3cret"))).isEqualTo("s3cret");
    assertThat(box.keyId()).isNotEqualTo(new SecretBox("correct horsf", "", dataDir.toString(), FEW_ROUNDS).keyId())
        .as("the rounds count: the key is the stretched passphrase, not the passphrase")
        .isNotEqualTo(new SecretBox("correct horse", "", dataDir.toString(), FEW_ROUNDS + 1).keyId());
  }

  @Test
  void offerdesk_stretches_a_passphrase_with_600_000_rounds_and_uses_a_long_key_as_it_is() {
    SecretBox production = box(NEW_KEY, "");
    assertThat(production.passphraseIterations()).isEqualTo(600_000);
    assertThat(production.keyId()).as("a key of 32 characters or more is not stretched, whatever the rounds")
        .isEqualTo(new SecretBox(NEW_KEY, "", dataDir.toString(), FEW_ROUNDS).keyId());
  }

  @Test
  void values_of_the_first_format_still_open_and_need_resealing() {
    String old = firstFormat(NEW_KEY, "webhook-signing-secret");
    SecretBox box = box(NEW_KEY, "");
    assertThat(box.open(old)).isEqualTo("webhook-signing-secret");
    assertThat(box.needsResealing(old)).isTrue();
    String resealed = box.reseal(old);
    assertThat(resealed).startsWith("v2:" + box.keyId() + ":");
    assertThat(box.open(resealed)).isEqualTo("webhook-signing-secret");
  }

  @Test
  void the_key_file_of_an_existing_demo_still_opens_its_values() throws Exception {
    String fileKey = Base64.getEncoder().encodeToString(new byte[32]);
    Files.writeString(dataDir.resolve("secret.key"), fileKey + "\n");
    SecretBox box = box("", "");
    assertThat(box.open(firstFormat(fileKey, "demo-secret"))).isEqualTo("demo-secret");
    assertThat(box.keyId()).isEqualTo(box(fileKey, "").keyId());
  }

  @Test
  void after_a_rotation_old_values_open_with_the_previous_key_and_new_ones_use_the_new_key() {
    SecretBox before = box(OLD_KEY, "");
    String sealedBefore = before.seal("from before");
    String firstFormatBefore = firstFormat(OLD_KEY, "from long before");

    SecretBox after = box(NEW_KEY, OLD_KEY);
    assertThat(after.open(sealedBefore)).isEqualTo("from before");
    assertThat(after.open(firstFormatBefore)).isEqualTo("from long before");
    assertThat(after.seal("new")).startsWith("v2:" + after.keyId() + ":");
    assertThat(after.needsResealing(sealedBefore)).isTrue();
    String resealed = after.reseal(sealedBefore);
    assertThat(box(NEW_KEY, "").open(resealed)).isEqualTo("from before");
  }

  @Test
  void a_wrong_key_gives_a_clear_error_naming_the_key_never_garbage() {
    SecretBox old = box(OLD_KEY, "");
    String sealed = old.seal("the secret");
    SecretBox other = box(NEW_KEY, "");

    assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(UnreadableSecretException.class)
        .hasMessageContaining("sealed with key " + old.keyId())
        .hasMessageContaining("OFFERDESK_SECRET_KEY (key " + other.keyId() + ")");
    assertThatThrownBy(() -> other.open(firstFormat(OLD_KEY, "the secret")))
        .isInstanceOf(UnreadableSecretException.class).hasMessageContaining("OFFERDESK_SECRET_KEY_PREVIOUS");
  }

  @Test
  void a_tampered_value_or_a_swapped_key_id_is_refused() {
    SecretBox box = box(NEW_KEY, OLD_KEY);
    String sealed = box.seal("the secret");
    String body = sealed.substring(sealed.lastIndexOf(':') + 1);
    byte[] bytes = Base64.getDecoder().decode(body);
    bytes[bytes.length - 1] ^= 1;
    String tampered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(bytes);
    assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(UnreadableSecretException.class)
        .hasMessageContaining("damaged");

    String otherId = box(OLD_KEY, "").keyId();
    assertThatThrownBy(() -> box.open("v2:" + otherId + ":" + body)).isInstanceOf(UnreadableSecretException.class);
    assertThatThrownBy(() -> box.open("plaintext")).isInstanceOf(UnreadableSecretException.class)
        .hasMessageContaining("format");
  }

  /** A value as the first SecretBox wrote it: AES-GCM under SHA-256 of the key, "v1:" + base64(iv, ciphertext). */
  static String firstFormat(String key, String plaintext) {
    try {
      byte[] aes = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      byte[] iv = new byte[12];
      new SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aes, "AES"), new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return "v1:" + Base64.getEncoder().encodeToString(out);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
