package org.offerdesk.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens accounts and products in the sandbox through its control API, as a tester of a marketplace
 * integration would, so each test has a marketplace account of its own.
 */
public final class SandboxAccounts {

  /** A sandbox account and its keys. */
  public record Account(String accountId, String accessKeyId, String secretAccessKey) {}

  private final Http sandbox;

  public SandboxAccounts(String endpoint) {
    this.sandbox = new Http(endpoint);
  }

  public Account seller(String name) {
    return open(name, "SELLER");
  }

  public Account reseller(String name) {
    return open(name, "RESELLER");
  }

  public String buyer(String name) {
    return open(name, "BUYER").accountId();
  }

  /** Adds a SaaS product (visibility Limited or Public) and returns its product ID. */
  public String product(Account seller, String title, String visibility) {
    Http.Response r = sandbox.postJson("/sandbox/accounts/" + seller.accountId() + "/products",
        Map.of("title", title, "visibility", visibility));
    if (r.status() != 201) {
      throw new AssertionError("Could not add product: " + r.status() + " " + r.body());
    }
    return r.json().at("/productId").asText();
  }

  private Account open(String name, String kind) {
    String id = String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999L));
    Http.Response r = sandbox.postJson("/sandbox/accounts", Map.of("accountId", id, "name", name, "kind", kind));
    if (r.status() != 201) {
      throw new AssertionError("Could not open sandbox account: " + r.status() + " " + r.body());
    }
    JsonNode a = r.json();
    return new Account(a.at("/accountId").asText(), a.at("/accessKeyId").asText(null),
        a.at("/secretAccessKey").asText(null));
  }
}
