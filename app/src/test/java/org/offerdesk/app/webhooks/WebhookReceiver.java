package org.offerdesk.app.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on a real port, made with the JDK's HTTP server: it keeps every request and answers
 * the status a test sets. It can be stopped and started again on the same port, as a receiver that is
 * down for a while.
 */
class WebhookReceiver implements AutoCloseable {

  /** One request as the receiver got it: headers (names lower-cased) and the raw body. */
  record Received(String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger answer = new AtomicInteger(200);
  private final int port;
  private HttpServer server;

  WebhookReceiver() {
    this.server = start(0);
    this.port = server.getAddress().getPort();
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  void stop() {
    server.stop(0);
  }

  void restart() {
    server = start(port);
  }

  List<Received> at(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private HttpServer start(int onPort) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
      s.createContext("/", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
        int status = answer.get();
        byte[] reply = (status < 300 ? "{\"ok\":true}" : "{\"error\":\"receiver says " + status + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
      });
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- The verification the README ("Webhooks") tells a receiver to do, copied exactly. ----

  static boolean verify(String secret, String signatureHeader, String rawBody, Instant now) {
    long t = -1;
    List<String> signatures = new ArrayList<>();
    for (String part : signatureHeader.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals("t")) {
        t = Long.parseLong(kv[1]);
      } else if (kv.length == 2 && kv[0].equals("v1")) {
        signatures.add(kv[1]);
      }
    }
    if (t < 0 || Math.abs(now.getEpochSecond() - t) > 300) {
      return false; // too old (or from the future): maybe a replay
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((t + "." + rawBody).getBytes(StandardCharsets.UTF_8));
      for (String candidate : signatures) {
        if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(candidate))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
