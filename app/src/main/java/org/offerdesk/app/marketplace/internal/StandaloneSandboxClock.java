package org.offerdesk.app.marketplace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.offerdesk.app.runtime.RunMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * A standalone sandbox's movable clock, for the demo ({@code OFFERDESK_SANDBOX_CLOCK_URL}, the sandbox's
 * address). The sandbox's offset from real time ({@code GET /sandbox/clock}) is read once on start and then
 * every second or so in the background; {@link #instant()} is real time plus the last offset read, so
 * reading the time never waits on the network. When the sandbox cannot be reached, the last offset stays.
 * In production it reads nothing (and {@link PlatformClock} ignores it).
 */
@Component
@ConditionalOnExpression("'${offerdesk.sandbox.clock-url:}'.trim().length() > 0")
class StandaloneSandboxClock extends RepeatingTask {

  private static final Logger log = LoggerFactory.getLogger(StandaloneSandboxClock.class);

  private final URI clockUri;
  private final String adminToken;
  private final Duration refresh;
  private final RunMode mode;
  private final ObjectMapper mapper;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile Duration offset = Duration.ZERO;
  private volatile boolean reachable = true;

  StandaloneSandboxClock(@Value("${offerdesk.sandbox.clock-url}") String url,
      @Value("${offerdesk.sandbox.admin-token:}") String adminToken,
      @Value("${offerdesk.sandbox.clock-refresh:PT1S}") Duration refresh, RunMode mode, ObjectMapper mapper) {
    super("sandbox-clock");
    this.clockUri = clockUri(url);
    this.adminToken = adminToken == null ? "" : adminToken.strip();
    this.refresh = refresh;
    this.mode = mode;
    this.mapper = mapper;
  }

  /** Takes the sandbox's address ({@code http://127.0.0.1:8090}) or its clock's ({@code …/sandbox/clock}). */
  static URI clockUri(String url) {
    String base = url.strip().replaceAll("/+$", "");
    URI uri = URI.create(base.endsWith("/sandbox/clock") ? base : base + "/sandbox/clock");
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("OFFERDESK_SANDBOX_CLOCK_URL must be an http(s) URL, not '" + url + "'");
    }
    return uri;
  }

  /** Real time plus the sandbox's offset as last read. */
  Instant instant() {
    return Instant.now().plus(offset);
  }

  Duration offset() {
    return offset;
  }

  /** Reads the sandbox's offset now; false when the sandbox could not be read. */
  boolean refresh() {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(clockUri).timeout(Duration.ofSeconds(2)).GET();
      if (!adminToken.isEmpty()) {
        request.header("Authorization", "Bearer " + adminToken);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + clockUri + " answered " + response.statusCode()
            + (response.statusCode() == 401 ? " (set OFFERDESK_SANDBOX_ADMIN_TOKEN to the sandbox's admin token)" : ""));
      }
      JsonNode clock = mapper.readTree(response.body());
      offset = Duration.parse(clock.path("offset").asText());
      if (!reachable) {
        log.info("Following the standalone sandbox's clock again ({}, offset {})", clockUri, offset);
      }
      reachable = true;
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      if (reachable) {
        log.warn("Cannot read the standalone sandbox's clock at {}; keeping offset {}: {}", clockUri, offset,
            e.getMessage());
      }
      reachable = false;
      return false;
    }
  }

  @Override
  public void start() {
    if (mode.isProduction()) {
      log.warn("offerdesk.sandbox.clock-url is ignored in production: the business clock is the system clock");
      return;
    }
    refresh();
    log.info("The business clock follows the standalone sandbox's clock at {} (offset {}); security time stays on "
        + "the wall clock", clockUri, offset);
    repeat(this::refresh, refresh);
  }

  /** Early, so the business clock is right before jobs and schedules start. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
