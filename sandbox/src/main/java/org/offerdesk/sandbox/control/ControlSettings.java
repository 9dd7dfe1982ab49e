package org.offerdesk.sandbox.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The admin token of the control API ({@code offerdesk.sandbox.admin-token}, env
 * {@code OFFERDESK_SANDBOX_ADMIN_TOKEN}; generated when unset) and the address the sandbox listens on
 * ({@code server.address}, env {@code OFFERDESK_SANDBOX_BIND}).
 */
@Component
public class ControlSettings {

  private final String adminToken;
  private final boolean generated;
  private final InetAddress bind;
  private final String bindText;

  ControlSettings(@Value("${offerdesk.sandbox.admin-token:}") String configuredToken,
      @Value("${server.address:}") String bindAddress) {
    String token = configuredToken == null ? "" : configuredToken.strip();
    this.generated = token.isEmpty();
    if (generated) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      token = "sbx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    } else if (token.length() < 16) {
      throw new IllegalStateException("OFFERDESK_SANDBOX_ADMIN_TOKEN must be at least 16 characters");
    }
    this.adminToken = token;
    this.bindText = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress.strip();
    this.bind = resolve(bindText);
  }

  private static InetAddress resolve(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("Cannot listen on unknown address " + address, e);
    }
  }

  /** The admin token; whoever embeds the sandbox may hand it to its own code. */
  public String adminToken() {
    return adminToken;
  }

  /** Whether the token was generated on this start (then it is printed once). */
  public boolean tokenGenerated() {
    return generated;
  }

  /** The address the sandbox listens on: a wildcard address means every interface. */
  public InetAddress bind() {
    return bind;
  }

  public String bindText() {
    return bindText;
  }

  public boolean loopbackOnly() {
    return bind.isLoopbackAddress();
  }
}
