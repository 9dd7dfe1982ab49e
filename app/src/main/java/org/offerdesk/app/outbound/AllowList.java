package org.offerdesk.app.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operator's exceptions to the outbound guard ({@code OFFERDESK_OUTBOUND_ALLOW}): comma-separated CIDR
 * blocks ({@code 10.20.0.0/16}, {@code fd00::/8}), single addresses, or host names ({@code hooks.internal},
 * matched exactly, case-insensitive, against the host a URL names). Link-local addresses stay refused
 * whatever it says.
 */
public record AllowList(List<Block> blocks, List<String> hosts) {

  /** An address block: the first {@code prefix} bits of {@code network}. */
  public record Block(InetAddress network, int prefix) {

    boolean contains(InetAddress address) {
      byte[] n = network.getAddress();
      byte[] a = address.getAddress();
      if (n.length != a.length) {
        return false;
      }
      int bits = prefix;
      for (int i = 0; i < n.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
        if ((n[i] & mask) != (a[i] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  public AllowList {
    blocks = List.copyOf(blocks);
    hosts = List.copyOf(hosts);
  }

  public static AllowList none() {
    return new AllowList(List.of(), List.of());
  }

  /** Reads the property's value; an entry that is neither a CIDR, an address nor a host name is refused. */
  public static AllowList parse(String value) {
    List<Block> blocks = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    if (value == null) {
      return none();
    }
    for (String raw : value.split(",")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int slash = entry.indexOf('/');
      if (slash >= 0) {
        InetAddress network = AddressRange.literal(entry.substring(0, slash));
        int prefix;
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("OFFERDESK_OUTBOUND_ALLOW: bad prefix length in " + entry);
        }
        if (prefix < 0 || prefix > network.getAddress().length * 8) {
          throw new IllegalArgumentException("OFFERDESK_OUTBOUND_ALLOW: bad prefix length in " + entry);
        }
        blocks.add(new Block(network, prefix));
      } else if (entry.contains(":") || entry.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        InetAddress address = AddressRange.literal(entry);
        blocks.add(new Block(address, address.getAddress().length * 8));
      } else if (entry.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
        hosts.add(entry.toLowerCase(Locale.ROOT));
      } else {
        throw new IllegalArgumentException("OFFERDESK_OUTBOUND_ALLOW: '" + entry
            + "' is neither a CIDR block, an IP address nor a host name");
      }
    }
    return new AllowList(blocks, hosts);
  }

  /** Whether the operator allowed this host name, or a block holding this address. */
  public boolean allows(String host, InetAddress address) {
    if (host != null && hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return true;
    }
    return blocks.stream().anyMatch(b -> b.contains(address));
  }
}
