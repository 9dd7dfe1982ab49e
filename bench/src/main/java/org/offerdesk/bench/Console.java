package org.offerdesk.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP clients for OfferDesk as its users reach it: the API with a bearer token, the console signed in. */
public final class Console {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private Console() {}

  /** A client for many concurrent callers (one connection each). */
  public static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A client whose cookie jar holds a console session of {@code email}. */
  public static HttpClient signedIn(URI base, String email, String password) throws IOException, InterruptedException {
    HttpClient http = client();
    String form = http.send(HttpRequest.newBuilder(base.resolve("/signin")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher csrf = CSRF.matcher(form);
    if (!csrf.find()) {
      throw new IllegalStateException("No CSRF token on the sign-in page");
    }
    String body = "email=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
    HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(base.resolve("/signin"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    String location = signedIn.headers().firstValue("Location").orElse("");
    if (signedIn.statusCode() != 302 || location.contains("error")) {
      throw new IllegalStateException("Sign-in as " + email + " failed: " + signedIn.statusCode() + " " + location);
    }
    return http;
  }

  /** GET with the API token; the body, or an exception naming the status. */
  public static String get(HttpClient http, URI uri, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + uri + " answered " + r.statusCode() + ": "
          + r.body().substring(0, Math.min(300, r.body().length())));
    }
    return r.body();
  }

  /** POST of a JSON body with the API token; the body, or an exception naming the status. */
  public static String post(HttpClient http, URI uri, String token, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + uri + " answered " + r.statusCode() + ": "
          + r.body().substring(0, Math.min(300, r.body().length())));
    }
    return r.body();
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
