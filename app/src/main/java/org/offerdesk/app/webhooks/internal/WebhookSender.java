package org.offerdesk.app.webhooks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.http.HttpEntity;
import org.apache.http.NoHttpResponseException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.HttpClients;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.app.outbound.OutboundGuard;
import org.offerdesk.app.outbound.OutboundRefused;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Posts one signed event to one endpoint. Timeouts are short (connect 5 s, answer 10 s) so that a hung
 * receiver does not hold a job worker; redirects are not followed (a receiver must answer 2xx itself); only
 * the first kilobyte of an answer is kept. The host is resolved through the {@link OutboundGuard}, once per
 * connection, and the connection goes to exactly the addresses it judged (Apache HttpClient's resolver
 * hook: the JDK client has none), so a tenant cannot point a webhook at the server's own network.
 */
@Component
class WebhookSender implements AutoCloseable {

  static final String USER_AGENT = "OfferDesk-Webhooks/1";
  static final int EXCERPT_BYTES = 1024;

  private final CloseableHttpClient client;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final SecurityClock clock;
  /** Aborts an exchange that drips its answer past the whole budget (the socket timeout is per read). */
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "webhook-deadlines");
    t.setDaemon(true);
    return t;
  });

  WebhookSender(SecurityClock clock, OutboundGuard guard,
      @Value("${offerdesk.webhooks.connect-timeout:PT5S}") Duration connectTimeout,
      @Value("${offerdesk.webhooks.read-timeout:PT10S}") Duration readTimeout) {
    this.clock = clock;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.client = HttpClients.custom()
        .setDnsResolver(guard.dnsResolver())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent(USER_AGENT)
        // A fresh connection per attempt: the host is resolved and judged each time, and a receiver that went
        // down is told as "Connection refused", not as a stale pooled connection.
        .setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE)
        .setMaxConnTotal(64)
        .setMaxConnPerRoute(8)
        .setDefaultRequestConfig(RequestConfig.custom()
            .setConnectTimeout((int) connectTimeout.toMillis())
            .setConnectionRequestTimeout((int) connectTimeout.toMillis())
            .setSocketTimeout((int) readTimeout.toMillis())
            .setRedirectsEnabled(false)
            .build())
        .build();
  }

  SendOutcome send(URI url, String eventId, String eventType, String body, String secret) {
    long t = clock.now().getEpochSecond();
    HttpPost post = new HttpPost(url);
    post.setHeader("User-Agent", USER_AGENT);
    post.setHeader("OfferDesk-Event-Id", eventId);
    post.setHeader("OfferDesk-Event-Type", eventType);
    post.setHeader("OfferDesk-Signature", Signatures.header(secret, t, body));
    post.setHeader("Content-Type", "application/json");
    post.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8)));
    long started = System.nanoTime();
    AtomicBoolean overdue = new AtomicBoolean();
    ScheduledFuture<?> deadline = deadlines.schedule(() -> {
      overdue.set(true);
      post.abort();
    }, connectTimeout.plus(readTimeout).toMillis() + 1000, TimeUnit.MILLISECONDS);
    try (CloseableHttpResponse response = client.execute(post)) {
      String excerpt = excerpt(post, response.getEntity());
      return new SendOutcome(response.getStatusLine().getStatusCode(), excerpt, null, millisSince(started));
    } catch (IOException e) {
      Optional<OutboundRefused> refused = OutboundRefused.in(e);
      if (refused.isPresent()) {
        return SendOutcome.refused("Not sent: " + refused.get().getMessage(), millisSince(started));
      }
      if (overdue.get()) {
        return new SendOutcome(null, null, "No complete answer within " + readTimeout.toSeconds() + " s",
            millisSince(started));
      }
      return new SendOutcome(null, null, describe(e), millisSince(started));
    } finally {
      deadline.cancel(false);
    }
  }

  private String describe(IOException error) {
    if (error instanceof ConnectTimeoutException) {
      return "Could not connect within " + connectTimeout.toSeconds() + " s";
    }
    if (error instanceof SocketTimeoutException) {
      return "No answer within " + readTimeout.toSeconds() + " s";
    }
    if (error instanceof InterruptedIOException) {
      return "Interrupted while sending";
    }
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException) {
        return "Connection refused";
      }
    }
    if (error instanceof NoHttpResponseException || error instanceof org.apache.http.ConnectionClosedException
        || error instanceof java.net.SocketException) {
      return "Connection closed by the receiver before it answered";
    }
    String message = error.getMessage() == null ? error.getClass().getSimpleName()
        : error.getClass().getSimpleName() + ": " + error.getMessage();
    return message.length() > 500 ? message.substring(0, 500) : message;
  }

  private static long millisSince(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  /**
   * The first {@value #EXCERPT_BYTES} bytes of the answer as text. A longer answer is not read to its end:
   * the connection is dropped instead of drained.
   */
  private static String excerpt(HttpPost post, HttpEntity entity) throws IOException {
    if (entity == null) {
      return "";
    }
    InputStream in = entity.getContent();
    byte[] kept = in.readNBytes(EXCERPT_BYTES);
    if (in.read() == -1) {
      in.close();
    } else {
      post.abort();
    }
    return new String(kept, StandardCharsets.UTF_8).replace("\uFFFD", "");
  }

  @Override
  public void close() throws IOException {
    deadlines.shutdownNow();
    client.close();
  }
}
