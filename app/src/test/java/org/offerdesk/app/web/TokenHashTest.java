package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenHashTest {

  @Test
  void isTheSha256OfTheUtf8Bytes() {
    // FIPS 180-2's example, and a text outside ASCII (its UTF-8 bytes, not its UTF-16 code units)
    assertThat(TokenHash.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(TokenHash.bytes("abc")).isEqualTo(HexFormat.of().parseHex(TokenHash.hex("abc")));
    assertThat(TokenHash.hex("\u00e9")).isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  }
}
