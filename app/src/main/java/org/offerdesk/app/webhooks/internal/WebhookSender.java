package org.offerdesk.app.webhooks.internal;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.offerdesk.app.runtime.SecurityClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Posts one signed event to one endpoint with the JDK HTTP client. Timeouts are short (connect 5 s, answer
 * 10 s) so that a hung receiver does not hold a job worker; redirects are not followed (a receiver must
 * answer 2xx itself); only the first kilobyte of an answer is kept.
 */
@Component
class WebhookSender {

  static final String USER_AGENT = "OfferDesk-Webhooks/1";
  static final int EXCERPT_BYTES = 1024;

  private final HttpClient client;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final SecurityClock clock;

  WebhookSender(SecurityClock clock,
      @Value("${offerdesk.webhooks.connect-timeout:PT5S}") Duration connectTimeout,
      @Value("${offerdesk.webhooks.read-timeout:PT10S}") Duration readTimeout) {
    this.clock = clock;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  SendOutcome send(URI url, String eventId, String eventType, String body, String secret) {
    long t = clock.now().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(readTimeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", USER_AGENT)
        .header("OfferDesk-Event-Id", eventId)
        .header("OfferDesk-Event-Type", eventType)
        .header("OfferDesk-Signature", Signatures.header(secret, t, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, info -> excerpt());
    try {
      // The request timeout covers the wait for the answer's headers; this bounds the body too.
      HttpResponse<String> response = exchange.get(connectTimeout.plus(readTimeout).toMillis() + 1000,
          TimeUnit.MILLISECONDS);
      return new SendOutcome(response.statusCode(), response.body(), null, millisSince(started));
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return new SendOutcome(null, null, "No complete answer within " + readTimeout.toSeconds() + " s",
          millisSince(started));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return new SendOutcome(null, null, "Interrupted while sending", millisSince(started));
    } catch (ExecutionException e) {
      return new SendOutcome(null, null, describe(e.getCause()), millisSince(started));
    }
  }

  private String describe(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return "Could not connect within " + connectTimeout.toSeconds() + " s";
    }
    if (cause instanceof HttpTimeoutException) {
      return "No answer within " + readTimeout.toSeconds() + " s";
    }
    Throwable root = cause;
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException) {
        return "Connection refused"; // the JDK client reports it with a ClosedChannelException inside
      }
      root = t;
    }
    if (root instanceof java.nio.channels.ClosedChannelException || root instanceof java.io.EOFException) {
      return "Connection closed by the receiver before it answered";
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
    return message.length() > 500 ? message.substring(0, 500) : message;
  }

  private static long millisSince(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  /** Reads the whole answer, keeping its first {@value #EXCERPT_BYTES} bytes as text. */
  private static HttpResponse.BodySubscriber<String> excerpt() {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    Flow.Subscriber<List<ByteBuffer>> reader = new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
          int room = EXCERPT_BYTES - kept.size();
          if (room > 0) {
            byte[] bytes = new byte[Math.min(room, buffer.remaining())];
            buffer.get(bytes);
            kept.write(bytes, 0, bytes.length);
          }
        }
      }

      @Override
      public void onError(Throwable throwable) {
        // the exchange fails with it
      }

      @Override
      public void onComplete() {
        // the finisher reads what was kept
      }
    };
    return HttpResponse.BodySubscribers.fromSubscriber(reader,
        r -> new String(kept.toByteArray(), StandardCharsets.UTF_8).replace("\uFFFD", ""));
  }
}
