package org.offerdesk.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A seller's webhook receiver as the README tells one to write it: verifies {@code OfferDesk-Signature}
 * ({@code t=<unix>,v1=<hex HMAC-SHA256 of "t.body">}) and keeps what it accepted.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** A delivery the receiver accepted, with whether its signature verified. */
  public record Received(String type, JsonNode event, boolean signatureValid) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile String secret;

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/hooks", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String signature = exchange.getRequestHeaders().getFirst("OfferDesk-Signature");
      JsonNode event = new ObjectMapper().readTree(body);
      received.add(new Received(event.path("type").asText(), event, verify(signature, body)));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  public void secret(String secret) {
    this.secret = secret;
  }

  public List<Received> received() {
    return received;
  }

  public List<Received> ofType(String type) {
    return received.stream().filter(r -> r.type().equals(type)).toList();
  }

  private boolean verify(String header, byte[] body) {
    if (header == null || secret == null) {
      return false;
    }
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv[0].equals("t")) {
        t = kv[1];
      } else if (kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((t + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
      return v1 != null && java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
