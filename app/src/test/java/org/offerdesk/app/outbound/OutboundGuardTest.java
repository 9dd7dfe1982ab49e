package org.offerdesk.app.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.runtime.RunMode;

/**
 * The guard's address table, as a pure function: nothing here connects anywhere, and public addresses
 * appear only as literals.
 */
class OutboundGuardTest {

  static final OutboundGuard DEMO = new OutboundGuard(RunMode.DEMO, AllowList.none());
  static final OutboundGuard PRODUCTION = new OutboundGuard(RunMode.PRODUCTION, AllowList.none());

  @ParameterizedTest(name = "{0} is {1}; demo allows: {2}; production allows: {3}")
  @CsvSource({
      "127.0.0.1,            LOOPBACK,    true,  false",
      "127.255.0.9,          LOOPBACK,    true,  false",
      "::1,                  LOOPBACK,    true,  false",
      "10.0.0.1,             PRIVATE,     true,  false",
      "10.255.255.255,       PRIVATE,     true,  false",
      "172.16.0.1,           PRIVATE,     true,  false",
      "172.31.255.254,       PRIVATE,     true,  false",
      "172.32.0.1,           PUBLIC,      true,  true",
      "172.15.255.255,       PUBLIC,      true,  true",
      "192.168.1.1,          PRIVATE,     true,  false",
      "100.64.0.1,           SHARED,      true,  false",
      "100.127.255.255,      SHARED,      true,  false",
      "100.128.0.1,          PUBLIC,      true,  true",
      "169.254.169.254,      LINK_LOCAL,  false, false",
      "169.254.0.1,          LINK_LOCAL,  false, false",
      "fe80::1,              LINK_LOCAL,  false, false",
      "febf::1,              LINK_LOCAL,  false, false",
      "fc00::1,              PRIVATE,     true,  false",
      "fdff:ffff::1,         PRIVATE,     true,  false",
      "224.0.0.1,            MULTICAST,   false, false",
      "239.255.255.250,      MULTICAST,   false, false",
      "ff02::1,              MULTICAST,   false, false",
      "0.0.0.0,              UNSPECIFIED, false, false",
      "0.1.2.3,              UNSPECIFIED, false, false",
      "::,                   UNSPECIFIED, false, false",
      "255.255.255.255,      RESERVED,    false, false",
      "::ffff:127.0.0.1,     LOOPBACK,    true,  false",
      "::ffff:169.254.169.254, LINK_LOCAL, false, false",
      "::ffff:10.1.2.3,      PRIVATE,     true,  false",
      "64:ff9b::a9fe:a9fe,   LINK_LOCAL,  false, false",
      "2002:7f00:1::,        LOOPBACK,    true,  false",
      "::127.0.0.1,          LOOPBACK,    true,  false",
      "93.184.216.34,        PUBLIC,      true,  true",
      "8.8.8.8,              PUBLIC,      true,  true",
      "2606:4700::1111,      PUBLIC,      true,  true",
      "2001:db8::1,          PUBLIC,      true,  true",
  })
  void classifies_each_address(String literal, AddressRange range, boolean demo, boolean production) {
    InetAddress address = AddressRange.literal(literal);
    assertThat(AddressRange.of(address)).isEqualTo(range);
    assertThat(DEMO.refusal(null, address)).as("demo refusal").matches(r -> r.isEmpty() == demo);
    assertThat(PRODUCTION.refusal(null, address)).as("production refusal").matches(r -> r.isEmpty() == production);
  }

  @Test
  void an_ipv4_mapped_ipv6_address_is_judged_by_its_ipv4_address_even_when_kept_in_ipv6_form() throws Exception {
    // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a client may still hold the raw form.
    byte[] metadata = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169,
        (byte) 254};
    InetAddress raw = Inet6Address.getByAddress(null, metadata, null);
    assertThat(raw).isInstanceOf(Inet6Address.class);
    assertThat(AddressRange.of(raw)).isEqualTo(AddressRange.LINK_LOCAL);
    byte[] loopback = metadata.clone();
    loopback[12] = 127;
    loopback[13] = 0;
    loopback[14] = 0;
    loopback[15] = 1;
    assertThat(AddressRange.of(Inet6Address.getByAddress(null, loopback, null))).isEqualTo(AddressRange.LOOPBACK);
  }

  @Test
  void the_allow_list_opens_blocks_and_hosts_in_production_but_never_link_local() {
    OutboundGuard guard = new OutboundGuard(RunMode.PRODUCTION,
        AllowList.parse(" 10.20.0.0/16, fd00::/8 ,hooks.internal,192.168.5.5, 169.254.0.0/16"));
    assertThat(guard.refusal(null, AddressRange.literal("10.20.3.4"))).isEmpty();
    assertThat(guard.refusal(null, AddressRange.literal("10.21.3.4"))).isPresent();
    assertThat(guard.refusal(null, AddressRange.literal("fd12::1"))).isEmpty();
    assertThat(guard.refusal(null, AddressRange.literal("fc12::1"))).isPresent();
    assertThat(guard.refusal(null, AddressRange.literal("192.168.5.5"))).isEmpty();
    assertThat(guard.refusal(null, AddressRange.literal("192.168.5.6"))).isPresent();
    assertThat(guard.refusal("hooks.internal", AddressRange.literal("172.16.9.9"))).isEmpty();
    assertThat(guard.refusal("HOOKS.internal", AddressRange.literal("127.0.0.1"))).isEmpty();
    assertThat(guard.refusal("other.internal", AddressRange.literal("172.16.9.9"))).isPresent();
    assertThat(guard.refusal("hooks.internal", AddressRange.literal("169.254.169.254"))).get().asString()
        .contains("link-local");
    assertThat(guard.refusal(null, AddressRange.literal("169.254.1.1"))).isPresent();
  }

  @Test
  void a_bad_allow_list_entry_is_refused_at_start() {
    assertThatThrownBy(() -> AllowList.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AllowList.parse("http://x/")).isInstanceOf(IllegalArgumentException.class);
    assertThat(AllowList.parse("").blocks()).isEmpty();
    assertThat(AllowList.parse(null).hosts()).isEmpty();
  }

  @Test
  void resolving_judges_literals_and_localhost_without_connecting() throws UnknownHostException {
    assertThat(DEMO.resolve("127.0.0.1")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
    assertThatThrownBy(() -> PRODUCTION.resolve("127.0.0.1")).isInstanceOf(OutboundRefused.class)
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> PRODUCTION.resolve("localhost")).isInstanceOf(OutboundRefused.class);
    assertThatThrownBy(() -> DEMO.resolve("[::ffff:169.254.169.254]")).isInstanceOf(OutboundRefused.class)
        .hasMessageContaining("link-local");
    assertThatThrownBy(() -> DEMO.resolve("2852039166")).isInstanceOf(OutboundRefused.class); // 169.254.169.254
    assertThat(PRODUCTION.refusal(URI.create("http://127.0.0.1:9/hook"))).isPresent();
    assertThat(PRODUCTION.refusal(URI.create("http://[::1]:9/hook"))).isPresent();
    assertThat(DEMO.refusal(URI.create("http://127.0.0.1:9/hook"))).isEmpty();
    assertThat(DEMO.refusal(URI.create("http://169.254.169.254/latest/meta-data/"))).isPresent();
  }
}
