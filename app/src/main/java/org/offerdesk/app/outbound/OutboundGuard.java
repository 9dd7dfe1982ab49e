package org.offerdesk.app.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.offerdesk.app.runtime.RunMode;

/**
 * The one check every outbound HTTP client of OfferDesk makes before it connects. Link-local addresses
 * (169.254.0.0/16 with the cloud metadata service, fe80::/10) are refused always. In production, loopback,
 * private, shared (CGNAT), multicast, unspecified and reserved addresses are refused too, unless
 * {@code OFFERDESK_OUTBOUND_ALLOW} lists them (by block or by host name). The demo allows loopback, private
 * and shared addresses: the embedded sandbox and the tests run on this machine.
 *
 * <p>Clients use {@link #resolve} as their name resolver (Apache HttpClient's {@code DnsResolver}), so a
 * host is resolved once, every address it resolves to is judged, and the connection goes to exactly those
 * addresses: a name cannot answer a harmless address to the check and an internal one to the connection
 * (DNS rebinding). Clients do not follow redirects, so a receiver cannot send one elsewhere either.
 */
public class OutboundGuard {

  private final RunMode mode;
  private final AllowList allow;

  public OutboundGuard(RunMode mode, AllowList allow) {
    this.mode = mode;
    this.allow = allow;
  }

  /** Why OfferDesk will not connect to this address for this host name, or empty when it will. */
  public Optional<String> refusal(String host, InetAddress address) {
    AddressRange range = AddressRange.of(address);
    String what = address.getHostAddress() + (host == null || host.equals(address.getHostAddress()) ? ""
        : " (" + host + ")");
    return switch (range) {
      case PUBLIC -> Optional.empty();
      case LINK_LOCAL -> Optional.of(what + " is a link-local address, which OfferDesk never calls");
      case LOOPBACK, PRIVATE, SHARED -> mode.isDemo() || allow.allows(host, address) ? Optional.empty()
          : Optional.of(what + " is a " + describe(range) + " address; OfferDesk calls it only when "
              + "OFFERDESK_OUTBOUND_ALLOW lists it");
      case MULTICAST, UNSPECIFIED, RESERVED -> allow.allows(host, address) ? Optional.empty()
          : Optional.of(what + " is a " + describe(range) + " address, which OfferDesk does not call");
    };
  }

  /**
   * Resolves a host once and returns its addresses if every one of them may be called; this is the
   * resolver the HTTP clients connect with.
   */
  public InetAddress[] resolve(String host) throws UnknownHostException {
    String name = bare(host);
    InetAddress[] addresses = InetAddress.getAllByName(name);
    for (InetAddress address : addresses) {
      Optional<String> refusal = refusal(name, address);
      if (refusal.isPresent()) {
        throw new OutboundRefused(refusal.get());
      }
    }
    return addresses;
  }

  /**
   * Why a URL a tenant gives may not be called, checked when it is saved; empty when it may. A host that
   * does not resolve now is accepted: it is judged again, and pinned, whenever it is called.
   */
  public Optional<String> refusal(URI url) {
    if (url.getHost() == null) {
      return Optional.of("must name a host");
    }
    try {
      resolve(url.getHost());
      return Optional.empty();
    } catch (OutboundRefused refused) {
      return Optional.of(refused.getMessage());
    } catch (UnknownHostException unknown) {
      return Optional.empty();
    }
  }

  /** An Apache HttpClient 4 resolver (the AWS SDK's and the webhooks' client) that asks this guard. */
  public org.apache.http.conn.DnsResolver dnsResolver() {
    return this::resolve;
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static String describe(AddressRange range) {
    return switch (range) {
      case LOOPBACK -> "loopback";
      case PRIVATE -> "private";
      case SHARED -> "shared (carrier-grade NAT)";
      case MULTICAST -> "multicast";
      case UNSPECIFIED -> "unspecified";
      case RESERVED -> "reserved";
      case LINK_LOCAL -> "link-local";
      case PUBLIC -> "public";
    };
  }
}
