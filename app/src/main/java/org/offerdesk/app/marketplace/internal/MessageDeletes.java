package org.offerdesk.app.marketplace.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Deletes received messages from an organization's event queue once their events are committed to the inbox, on a
 * thread of its own, so that the reader's next receive does not wait for the delete's round trip (a reader's turn was
 * receive, inbox transaction, delete, one after the other). Called only after the inbox's commit: a crash before the
 * delete is sent redelivers the messages, and the inbox makes the second copy a no-op. At most one delete of an
 * organization is in flight: the next waits for it (it has almost always ended during the receive and the
 * transaction in between), so a slow queue cannot pile up deletes. Stopped (or never started), it deletes at once,
 * on the caller's thread.
 */
final class MessageDeletes {

  private static final Logger log = LoggerFactory.getLogger(MessageDeletes.class);

  private volatile ExecutorService threads;
  private final Map<UUID, Future<?>> inFlight = new ConcurrentHashMap<>();

  void start() {
    AtomicInteger n = new AtomicInteger();
    threads = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "marketplace-events-deleter-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Lets the deletes already handed over go out (a few seconds at most; any left are redelivered and deduplicated). */
  void stop() {
    ExecutorService running = threads;
    threads = null;
    if (running != null) {
      running.shutdown();
      try {
        running.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    inFlight.clear();
  }

  /** Deletes the messages, whose events the inbox has committed: later, on a thread of its own, when started. */
  void delete(UUID org, SqsClient sqs, String url, List<Message> messages) {
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
          .receiptHandle(messages.get(i).receiptHandle()).build());
    }
    Runnable call = () -> send(org, sqs, url, entries);
    ExecutorService running = threads;
    if (running == null) {
      call.run();
      return;
    }
    Future<?> previous = inFlight.get(org);
    if (previous != null) {
      try {
        previous.get();
      } catch (InterruptedException e) {
        // The reader is stopping: these are redelivered after their visibility timeout, and the inbox dedups them.
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        // send() logs its own failures.
      }
    }
    try {
      inFlight.put(org, running.submit(call));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      call.run();
    }
  }

  private static void send(UUID org, SqsClient sqs, String url, List<DeleteMessageBatchRequestEntry> entries) {
    try {
      var deleted = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
      if (deleted.hasFailed() && !deleted.failed().isEmpty()) {
        // Each comes again after its visibility timeout, and the inbox makes it a no-op.
        log.debug("Could not delete {} messages of {}: {}", deleted.failed().size(), org, deleted.failed());
      }
    } catch (RuntimeException e) {
      log.debug("Could not delete {} messages of {}: {}", entries.size(), org, e.toString());
    }
  }
}
