package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The application hashes passwords with BCrypt at cost 10. The test contexts hash at cost 4
 * ({@code OfferDeskTest.QuickHashing}), so the application's own cost is pinned here.
 */
class SecurityConfigurationTest {

  @Test
  void passwords_are_hashed_with_bcrypt_at_cost_10() {
    String hash = new SecurityConfiguration().passwordEncoder().encode("Kangaroo-Battery-Staple-42");
    assertThat(hash).startsWith("$2a$10$");
    assertThat(new SetupContext().passwordEncoder().encode("Kangaroo-Battery-Staple-42")).startsWith("$2a$10$");
  }
}
