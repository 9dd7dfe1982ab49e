package org.offerdesk.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.offerdesk.app.runtime.SecurityClock;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Honours {@code Idempotency-Key} on every API POST: the first request with a key runs, and a retry
 * with the same key and the same body gets the first response again instead of creating a second
 * thing. The same key with another body is refused. Responses marked {@code Cache-Control: no-store}
 * (they carry a secret) are not kept; a retry of one is told it already succeeded and where the
 * result is. Keys are kept for a day.
 */
@Component
@Order(0) // after Spring Security (-100), so the caller is known
class IdempotencyKeys extends OncePerRequestFilter {

  static final String HEADER = "Idempotency-Key";
  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
  private static final Duration KEPT_FOR = Duration.ofDays(1);

  private final JdbcClient jdbc;
  private final IdempotencyScope scope;
  private final ObjectMapper mapper;
  // Wall time, not the business clock: keys protect clients' retries, which happen in real time; a demo
  // clock moved a day ahead must neither forget a key nor take over a request still in flight.
  private final SecurityClock clock;

  IdempotencyKeys(JdbcClient jdbc, IdempotencyScope scope, ObjectMapper mapper, SecurityClock clock) {
    this.jdbc = jdbc;
    this.scope = scope;
    this.mapper = mapper;
    this.clock = clock;
  }

  private record Stored(String requestHash, boolean completed, boolean replayable, Integer status,
      String contentType, String location, byte[] body, Instant createdAt) {}

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/")
        || request.getHeader(HEADER) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> namespace = scope.current();
    String key = request.getHeader(HEADER).strip();
    if (namespace.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    if (key.isEmpty() || key.length() > 255) {
      Problems.write(response, mapper, request, ProblemType.VALIDATION,
          "Idempotency-Key must be 1 to 255 characters");
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    String hash = hash(request, body);
    Instant now = clock.now();
    if (!claim(namespace.get(), key, hash, now)) {
      Stored stored = load(namespace.get(), key);
      if (stored == null) {
        Problems.write(response, mapper, request, ProblemType.IDEMPOTENT_REQUEST_IN_PROGRESS,
            "A request with this Idempotency-Key is being processed");
        return;
      }
      if (!stored.requestHash().equals(hash)) {
        Problems.write(response, mapper, request, ProblemType.IDEMPOTENCY_KEY_REUSED,
            "Idempotency-Key '" + key + "' was used for a different request");
        return;
      }
      if (!stored.completed()) {
        if (stored.createdAt().isAfter(now.minus(ABANDONED_AFTER)) || !takeOver(namespace.get(), key, stored, now)) {
          Problems.write(response, mapper, request, ProblemType.IDEMPOTENT_REQUEST_IN_PROGRESS,
              "A request with this Idempotency-Key is being processed; retry shortly");
          return;
        }
      } else {
        replay(stored, request, response);
        return;
      }
    }
    ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
    boolean done = false;
    try {
      chain.doFilter(new CachedBody(request, body), captured);
      done = true;
    } finally {
      record(namespace.get(), key, captured, done);
      captured.copyBodyToResponse();
    }
  }

  private boolean claim(String namespace, String key, String hash, Instant now) {
    return jdbc.sql("""
        INSERT INTO idempotent_request (scope, idempotency_key, request_hash, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT DO NOTHING""")
        .params(namespace, key, hash, Timestamp.from(now)).update() == 1;
  }

  /** A claim whose request died with its instance may be taken over by a retry. */
  private boolean takeOver(String namespace, String key, Stored stored, Instant now) {
    return jdbc.sql("""
        UPDATE idempotent_request SET created_at = ? WHERE scope = ? AND idempotency_key = ? AND NOT completed
          AND created_at = ?""")
        .params(Timestamp.from(now), namespace, key, Timestamp.from(stored.createdAt())).update() == 1;
  }

  private Stored load(String namespace, String key) {
    return jdbc.sql("SELECT * FROM idempotent_request WHERE scope = ? AND idempotency_key = ?")
        .params(namespace, key)
        .query((rs, row) -> new Stored(rs.getString("request_hash"), rs.getBoolean("completed"),
            rs.getBoolean("replayable"), (Integer) rs.getObject("status"), rs.getString("content_type"),
            rs.getString("location"), rs.getBytes("body"), rs.getTimestamp("created_at").toInstant()))
        .optional().orElse(null);
  }

  private void record(String namespace, String key, ContentCachingResponseWrapper response, boolean done) {
    int status = response.getStatus();
    if (!done || status >= 500) {
      // Nothing was decided: let a retry run the request again.
      jdbc.sql("DELETE FROM idempotent_request WHERE scope = ? AND idempotency_key = ? AND NOT completed")
          .params(namespace, key).update();
      return;
    }
    String cacheControl = response.getHeader("Cache-Control");
    boolean replayable = cacheControl == null || !cacheControl.contains("no-store");
    jdbc.sql("""
        UPDATE idempotent_request SET completed = true, replayable = ?, status = ?, content_type = ?, location = ?,
          body = ? WHERE scope = ? AND idempotency_key = ?""")
        .params(replayable, status, response.getContentType(), response.getHeader("Location"),
            replayable ? response.getContentAsByteArray() : null, namespace, key)
        .update();
  }

  private void replay(Stored stored, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!stored.replayable()) {
      Map<String, Object> extra = stored.location() == null ? Map.of() : Map.of("location", stored.location());
      var pd = Problems.of(ProblemType.IDEMPOTENT_RESPONSE_NOT_REPLAYABLE,
          "This request already succeeded; its response held a secret that is shown only once", request.getRequestURI());
      extra.forEach(pd::setProperty);
      if (stored.location() != null) {
        response.setHeader("Location", stored.location());
      }
      response.setStatus(pd.getStatus());
      response.setContentType(Problems.PROBLEM_JSON.toString());
      mapper.writeValue(response.getOutputStream(), pd);
      return;
    }
    response.setStatus(stored.status());
    response.setHeader("Idempotent-Replayed", "true");
    if (stored.location() != null) {
      response.setHeader("Location", stored.location());
    }
    if (stored.contentType() != null) {
      response.setContentType(stored.contentType());
    }
    if (stored.body() != null) {
      response.getOutputStream().write(stored.body());
    }
  }

  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
  void forgetOldKeys() {
    jdbc.sql("DELETE FROM idempotent_request WHERE created_at < ?")
        .param(Timestamp.from(clock.now().minus(KEPT_FOR))).update();
  }

  private static String hash(HttpServletRequest request, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
          .getBytes(StandardCharsets.UTF_8));
      digest.update(body);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request again, with the body this filter already read. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
