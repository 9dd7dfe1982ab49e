package org.offerdesk.sandbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may use the control API, decided without a network: addresses are parsed, never connected to.
 * Bound to loopback, a local caller needs no token; bound to anything else, nobody gets in without it.
 */
class ControlAccessTest {

  static final String TOKEN = "sbx_the-admin-token-of-this-sandbox";

  @ParameterizedTest(name = "caller {0}, bound to {1}, token ''{2}'' -> {3}")
  @CsvSource(nullValues = "none", value = {
      // caller,        bind,          token sent,                       access
      "127.0.0.1,       127.0.0.1,     none,                             LOOPBACK",
      "::1,             127.0.0.1,     none,                             LOOPBACK",
      "127.0.0.1,       ::1,           none,                             LOOPBACK",
      "127.0.0.1,       127.0.0.1,     sbx_the-admin-token-of-this-sandbox, ADMIN",
      "127.0.0.1,       127.0.0.1,     wrong-token,                      LOOPBACK",
      "192.168.1.20,    127.0.0.1,     none,                             REFUSED",
      "10.0.0.5,        0.0.0.0,       none,                             REFUSED",
      "203.0.113.9,     0.0.0.0,       none,                             REFUSED",
      "203.0.113.9,     0.0.0.0,       wrong-token,                      REFUSED",
      "203.0.113.9,     0.0.0.0,       '',                               REFUSED",
      "203.0.113.9,     0.0.0.0,       sbx_the-admin-token-of-this-sandbox, ADMIN",
      "10.0.0.5,        10.0.0.1,      sbx_the-admin-token-of-this-sandbox, ADMIN",
      // Bound to every interface, a loopback caller may be a local proxy forwarding anyone.
      "127.0.0.1,       0.0.0.0,       none,                             REFUSED",
      "127.0.0.1,       ::,            none,                             REFUSED",
      "127.0.0.1,       10.0.0.1,      none,                             REFUSED",
      "::ffff:10.0.0.5, 127.0.0.1,     none,                             REFUSED",
      "fe80::1,         ::1,           none,                             REFUSED",
      // A prefix or a longer string of the token is not the token.
      "203.0.113.9,     0.0.0.0,       sbx_the-admin-token,              REFUSED",
      "203.0.113.9,     0.0.0.0,       sbx_the-admin-token-of-this-sandboxX, REFUSED",
  })
  void decides(String caller, String bind, String token, ControlAccess expected) throws UnknownHostException {
    assertThat(ControlAccess.decide(InetAddress.getByName(caller), InetAddress.getByName(bind), token, TOKEN))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"ADMIN, true", "LOOPBACK, false", "REFUSED, false"})
  void only_the_admin_token_sees_secret_keys(ControlAccess access, boolean seesSecrets) {
    assertThat(access.seesSecrets()).isEqualTo(seesSecrets);
  }
}
