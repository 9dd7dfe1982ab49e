package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewLinksTest {

  @Test
  void tokens_are_192_random_bits_in_url_safe_text() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = OfferCommands.newViewToken();
      assertThat(token).matches("[A-Za-z0-9_-]{32}");
      assertThat(Base64.getUrlDecoder().decode(token)).hasSize(24);
      assertThat(seen.add(token)).isTrue();
    }
  }

  @Test
  void a_link_is_found_by_the_sha256_of_its_token() {
    assertThat(ViewLinks.hash("abc")).hasSize(32)
        .isEqualTo(java.util.HexFormat.of()
            .parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  }

  @Test
  void a_link_works_until_the_grace_after_the_offers_expiry_date() {
    Instant created = Instant.parse("2026-01-01T10:00:00Z");
    assertThat(ViewLinks.expiresAt(LocalDate.parse("2026-03-31"), created, Duration.ofDays(30)))
        .isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(ViewLinks.expiresAt(null, created, Duration.ofDays(30)))
        .isEqualTo(Instant.parse("2026-01-31T10:00:00Z"));
  }
}
