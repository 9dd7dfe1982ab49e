package org.offerdesk.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real HTTP client for tests, as a browser or an API client would talk to OfferDesk: with a cookie
 * jar for console sessions, or a bearer token for the API.
 */
public class Http {

  private static final ObjectMapper mapper = new ObjectMapper();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient client;
  private String bearer;

  /** A response with its body as text and, when it is JSON, parsed. */
  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return mapper.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (" + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  public Http(int port) {
    this("http://localhost:" + port);
  }

  public Http(String base) {
    this(base, new CookieManager());
  }

  /** With a cookie jar of its own, e.g. {@link LoopbackCookies} for production's Secure cookies. */
  public Http(String base, java.net.CookieHandler cookies) {
    this.base = base;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public Http bearer(String token) {
    this.bearer = token;
    return this;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response postJson(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").POST(publisher(body)));
  }

  public Response postJson(String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder b = request(path).header("Content-Type", "application/json").POST(publisher(body));
    headers.forEach(b::header);
    return send(b);
  }

  public Response patchJson(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").method("PATCH", publisher(body)));
  }

  public Response putJson(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").PUT(publisher(body)));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response postRaw(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Sends a body exactly as given (any method, any content type, even malformed), for bad-input tests. */
  public Response raw(String method, String path, String contentType, String body) {
    HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  /** Posts a console form, with the CSRF token of the page it came from unless {@code csrf} is null. */
  public Response postForm(String path, Map<String, String> fields, String csrf) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.put("_csrf", csrf);
    }
    String form = all.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** The CSRF token a page's forms carry. */
  public String csrfFrom(String path) {
    Response page = get(path);
    Matcher m = CSRF.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("No CSRF token on " + path + " (" + page.status() + ")");
    }
    return m.group(1);
  }

  /** Signs in through the console's form; returns the response to the form POST. */
  public Response signIn(String email, String password) {
    String csrf = csrfFrom("/signin");
    return postForm("/signin", Map.of("email", email, "password", password), csrf);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return b;
  }

  private static HttpRequest.BodyPublisher publisher(Object body) {
    try {
      String text = body instanceof String s ? s : mapper.writeValueAsString(body);
      return HttpRequest.BodyPublishers.ofString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
