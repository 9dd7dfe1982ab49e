package org.offerdesk.app.outbound;

import java.net.UnknownHostException;

/**
 * The guard refused to connect to a host: it resolves to an address OfferDesk does not call. It is an
 * {@link UnknownHostException} so that an HTTP client's resolver can raise it where a failed lookup would
 * be raised, and callers find it in the cause chain of whatever the client throws.
 */
public class OutboundRefused extends UnknownHostException {

  public OutboundRefused(String message) {
    super(message);
  }

  /** This exception, if it is somewhere in the cause chain of a client's error. */
  public static java.util.Optional<OutboundRefused> in(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutboundRefused refused) {
        return java.util.Optional.of(refused);
      }
    }
    return java.util.Optional.empty();
  }
}
