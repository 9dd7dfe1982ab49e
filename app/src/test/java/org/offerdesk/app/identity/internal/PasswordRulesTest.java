package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule for a password a person chooses: long, not well known, not their own email or company. */
class PasswordRulesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "short-Pw1!        | must be at least 12 characters",
      "aaaaaaaaaaaaaaaa  | must use at least 6 different characters",
      "123456789012      | must not be a run of consecutive characters",
      "abcdefghijklmnop  | must not be a run of consecutive characters",
      "839201746352      | must not be only digits",
      "Password2024!     | is too common",
      "Qwertyuiop123     | is too common",
      "Welcome#2026#     | is too common",
      "monkeymonkey7     | must not repeat a short word",
      "jane.doe.1984     | must not be made of your email address",
      "AcmeSoftware#1    | must not be made of the organization's name"})
  void refuses_weak_passwords_with_a_reason(String password, String reason) {
    assertThat(PasswordRules.problem(password, "jane.doe@acme.example", "Acme Software")).get().asString()
        .contains(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Kangaroo-Battery-Staple-42", "correct horse battery staple", "x7#Lm2!pQ9vR"})
  void accepts_strong_passwords(String password) {
    assertThat(PasswordRules.problem(password, "jane.doe@acme.example", "Acme Software")).isEmpty();
  }
}
