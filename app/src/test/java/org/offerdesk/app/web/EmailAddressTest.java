package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one email check: what every form and API accepts as an address, and what it refuses. */
class EmailAddressTest {

  @ParameterizedTest
  @ValueSource(strings = {"admin@demo.offerdesk.local", "a@b.co", "first.last+tag@example.com",
      "o'brien@example.ie", "UPPER@EXAMPLE.COM", "user@sub.domain.example.org", "zoë@exämple.de",
      "x_y-z@host-name.io"})
  void accepts(String address) {
    assertThat(EmailAddress.valid(address)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"plainaddress", "@example.com", "user@", "user@localhost", "two@@example.com",
      "a@b@example.com", "user name@example.com", "user@exa mple.com", " user@example.com", "user@example.com ",
      "user@example.com\r\nBcc: victim@example.com", "user\u0000@example.com", "user@example.com\u0085",
      "user@example.", "user@.", "\t@example.com"})
  void refuses(String address) {
    assertThat(EmailAddress.valid(address)).isFalse();
  }

  @Test
  void accepts_up_to_254_characters_and_refuses_more() {
    String domain = "@example.com";
    String longest = "a".repeat(EmailAddress.MAX_LENGTH - domain.length()) + domain;
    assertThat(EmailAddress.valid(longest)).isTrue();
    assertThat(EmailAddress.valid("a" + longest)).isFalse();
  }
}
