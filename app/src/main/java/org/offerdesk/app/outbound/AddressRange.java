package org.offerdesk.app.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What kind of address an IP address is, as far as calling out to it goes. {@link #of} is a pure function:
 * it never resolves or connects. IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d},
 * IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the
 * IPv4 address inside, because that is where the packets end up.
 */
public enum AddressRange {
  /** Reachable on the internet. */
  PUBLIC,
  /** 127.0.0.0/8, ::1: this machine. */
  LOOPBACK,
  /** RFC 1918 (10/8, 172.16/12, 192.168/16), IPv6 unique local fc00::/7 and the old site-local fec0::/10. */
  PRIVATE,
  /** 100.64.0.0/10, carrier-grade NAT: a provider's internal network. */
  SHARED,
  /** 169.254.0.0/16, fe80::/10: includes the cloud metadata service (169.254.169.254). */
  LINK_LOCAL,
  /** 224.0.0.0/4, ff00::/8. */
  MULTICAST,
  /** 0.0.0.0/8, ::: "this host", which the kernel treats as loopback when connecting. */
  UNSPECIFIED,
  /** 240.0.0.0/4 (with the broadcast address), 192.0.0.0/24, 198.18.0.0/15 benchmarking: never a real receiver. */
  RESERVED;

  /** The range the address belongs to. */
  public static AddressRange of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return ofIpv4(b);
    }
    if (address instanceof Inet6Address) {
      byte[] embedded = embeddedIpv4(b);
      if (embedded != null) {
        return ofIpv4(embedded);
      }
      return ofIpv6(b);
    }
    return RESERVED;
  }

  private static AddressRange ofIpv4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 0) {
      return UNSPECIFIED;
    }
    if (a0 == 127) {
      return LOOPBACK;
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return PRIVATE;
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return SHARED;
    }
    if (a0 == 169 && a1 == 254) {
      return LINK_LOCAL;
    }
    if ((a0 & 0xf0) == 224) {
      return MULTICAST;
    }
    if ((a0 & 0xf0) == 240 || (a0 == 192 && a1 == 0 && a2 == 0) || (a0 == 198 && (a1 & 0xfe) == 18)) {
      return RESERVED;
    }
    return PUBLIC;
  }

  private static AddressRange ofIpv6(byte[] b) {
    boolean allZeroBut15 = true;
    for (int i = 0; i < 15; i++) {
      allZeroBut15 &= b[i] == 0;
    }
    if (allZeroBut15 && b[15] == 0) {
      return UNSPECIFIED;
    }
    if (allZeroBut15 && b[15] == 1) {
      return LOOPBACK;
    }
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return LINK_LOCAL;
    }
    if ((b0 & 0xfe) == 0xfc || (b0 == 0xfe && (b1 & 0xc0) == 0xc0)) {
      return PRIVATE;
    }
    if (b0 == 0xff) {
      return MULTICAST;
    }
    return PUBLIC;
  }

  /** The IPv4 address an IPv6 address carries, or null. */
  private static byte[] embeddedIpv4(byte[] b) {
    boolean first10Zero = true;
    for (int i = 0; i < 10; i++) {
      first10Zero &= b[i] == 0;
    }
    boolean mapped = first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = first10Zero && b[10] == 0 && b[11] == 0
        && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
    if (mapped || compatible || nat64) {
      return new byte[] {b[12], b[13], b[14], b[15]};
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return new byte[] {b[2], b[3], b[4], b[5]};
    }
    return null;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** An address literal (no name lookup), for the allow list and tests. */
  static InetAddress literal(String text) {
    String t = text.strip();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (!t.matches("[0-9a-fA-F:.%]+") || !(t.contains(":") || t.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    try {
      return InetAddress.getByName(t);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
  }
}
