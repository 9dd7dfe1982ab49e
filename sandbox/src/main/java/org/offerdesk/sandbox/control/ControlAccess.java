package org.offerdesk.sandbox.control;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The decision for one call to the control API, as a pure function of who calls, where the sandbox
 * listens and which token was sent. The admin token always opens it; without the token only a loopback
 * caller gets in, and only while the sandbox is bound to loopback (bound to any other address, a
 * loopback caller may be a proxy forwarding someone else).
 */
public enum ControlAccess {
  /** The admin token was sent: everything, secret keys included. */
  ADMIN,
  /** A loopback caller of a loopback-bound sandbox: the control API, but secret keys masked. */
  LOOPBACK,
  /** Anyone else: 401. */
  REFUSED;

  /** Request attribute holding the {@link ControlAccess} of the current control call. */
  public static final String ATTRIBUTE = "org.offerdesk.sandbox.control-access";

  /**
   * @param caller the remote address of the call
   * @param bind the address the sandbox listens on; {@code null} or a wildcard address means every interface
   * @param presentedToken the bearer token of the call, or {@code null}
   * @param adminToken the sandbox's admin token, never blank
   */
  public static ControlAccess decide(InetAddress caller, InetAddress bind, String presentedToken, String adminToken) {
    if (presentedToken != null && !presentedToken.isEmpty() && adminToken != null && !adminToken.isEmpty()
        && MessageDigest.isEqual(presentedToken.getBytes(StandardCharsets.UTF_8),
            adminToken.getBytes(StandardCharsets.UTF_8))) {
      return ADMIN;
    }
    boolean boundToLoopback = bind != null && bind.isLoopbackAddress();
    if (boundToLoopback && caller != null && caller.isLoopbackAddress()) {
      return LOOPBACK;
    }
    return REFUSED;
  }

  /** Whether secret keys may be shown to this caller. */
  public boolean seesSecrets() {
    return this == ADMIN;
  }

  /** The access the control filter granted to this request; REFUSED when it did not see the request. */
  public static ControlAccess of(jakarta.servlet.http.HttpServletRequest request) {
    Object access = request.getAttribute(ATTRIBUTE);
    return access instanceof ControlAccess a ? a : REFUSED;
  }
}
