package org.offerdesk.app.demo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A JSON client of one HTTP API, as a person's script would use it: OfferDesk's public API with a bearer
 * token, or the sandbox's control and buyer API. An answer other than the expected status stops the story with
 * what the server said.
 */
final class DemoClient {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration POLL = Duration.ofMillis(100);

  private final ObjectMapper json;
  private final String base;
  private final String bearer;

  DemoClient(ObjectMapper json, String base, String bearer) {
    this.json = json;
    this.base = base.replaceAll("/+$", "");
    this.bearer = bearer;
  }

  JsonNode get(String path) {
    return send("GET", path, null, "application/json", 200);
  }

  JsonNode post(String path, Object body, int expected) {
    return send("POST", path, body, "application/json", expected);
  }

  JsonNode put(String path, Object body) {
    return send("PUT", path, body, "application/json", 200);
  }

  JsonNode postText(String path, String contentType, String body, int expected) {
    return send("POST", path, body, contentType, expected);
  }

  private JsonNode send(String method, String path, Object body, String contentType, int expected) {
    try {
      String text = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
          .header("Accept", "application/json")
          .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
      if (text != null) {
        request.header("Content-Type", contentType);
      }
      if (bearer != null) {
        request.header("Authorization", "Bearer " + bearer);
      }
      HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != expected) {
        throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": "
            + abbreviate(answer.body()));
      }
      return answer.body() == null || answer.body().isBlank() ? json.createObjectNode() : json.readTree(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during " + method + " " + path, e);
    }
  }

  /** Asks again, every 100 ms, until {@code done} answers something (not null), for at most {@code atMost}. */
  static <T> T awaitValue(String what, Duration atMost, Supplier<T> done) {
    long until = System.nanoTime() + atMost.toNanos();
    while (true) {
      T value = done.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > until) {
        throw new IllegalStateException("Gave up waiting for " + what + " after " + atMost);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + what, e);
      }
    }
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 500 ? body.substring(0, 500) + "…" : body;
  }
}
