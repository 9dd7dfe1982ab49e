package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.offerdesk.app.errors.InvalidInput;



/** The setup code works once, only as printed, and a failed setup does not use it up. */
class SetupCodeTest {

  final SetupCode code = new SetupCode();

  @Test
  void works_once() {
    String issued = code.issue();
    assertThat(issued).matches("[A-Z2-9]{5}(-[A-Z2-9]{5}){4}");
    assertThat(code.redeem(issued, () -> "created")).isEqualTo("created");
    assertThatThrownBy(() -> code.redeem(issued, () -> "again")).isInstanceOf(InvalidInput.class)
        .hasMessageContaining("already used");
  }

  @Test
  void refuses_any_other_code_and_accepts_it_typed_without_dashes_or_in_lower_case() {
    String issued = code.issue();
    assertThatThrownBy(() -> code.redeem("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", () -> "x")).isInstanceOf(InvalidInput.class)
        .hasMessageContaining("is not the setup code");
    assertThatThrownBy(() -> code.redeem(null, () -> "x")).isInstanceOf(InvalidInput.class);
    assertThat(code.redeem(" " + issued.replace("-", "").toLowerCase() + " ", () -> "created")).isEqualTo("created");
  }

  @Test
  void a_failed_setup_leaves_the_code_usable() {
    String issued = code.issue();
    assertThatThrownBy(() -> code.redeem(issued, () -> {
      throw new InvalidInput("password", "must be at least 12 characters");
    })).isInstanceOf(InvalidInput.class);
    assertThat(code.redeem(issued, () -> "created")).isEqualTo("created");
  }

  @Test
  void without_a_code_nothing_can_be_redeemed() {
    assertThatThrownBy(() -> code.redeem("anything", () -> "x")).isInstanceOf(InvalidInput.class)
        .hasMessageContaining("restart it");
  }
}
