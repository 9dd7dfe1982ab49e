package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.jobs.Jobs;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * A reader's delete of what it received is sent after the inbox's commit, off the reader's turn: the next receive
 * does not wait for the delete's round trip; and a receive whose inbox transaction failed deletes nothing, so the
 * queue delivers those messages again.
 */
class EventQueueDeletesTest {

  final UUID org = UUID.randomUUID();
  final SdkClients clients = mock(SdkClients.class);
  final TransactionTemplate tx = mock(TransactionTemplate.class);
  final FakeQueue queue = new FakeQueue();
  final EventQueueConsumer consumer = new EventQueueConsumer(clients, mock(JdbcClient.class), tx, mock(Jobs.class),
      new ObjectMapper(), mock(MarketplaceEventBatchJob.class), true, Clock.systemUTC(), Duration.ofHours(1), 0,
      true, 10, 0);

  @AfterEach
  void stop() {
    queue.deleteMayAnswer.countDown();
    consumer.stop();
  }

  @Test
  void the_next_receive_does_not_wait_for_the_delete_of_the_last() throws Exception {
    when(clients.events(org)).thenReturn(queue.client);
    when(tx.execute(any())).thenReturn(1);
    consumer.start();

    Thread reader = new Thread(() -> {
      consumer.receive(org, 0);
      consumer.receive(org, 0);
    });
    reader.start();
    // The first receive's delete is held by the queue (sent, not answered); the second receive is made all the same.
    await().atMost(Duration.ofSeconds(30)).until(() -> queue.receives.get() == 2 && queue.deletesStarted.get() == 1);
    assertThat(queue.deletesAnswered.get()).isZero();

    queue.deleteMayAnswer.countDown();
    reader.join();
    await().atMost(Duration.ofSeconds(30)).until(() -> queue.deletesAnswered.get() == 2);
  }

  @Test
  void a_receive_whose_inbox_transaction_failed_deletes_nothing() {
    when(clients.events(org)).thenReturn(queue.client);
    when(tx.execute(any())).thenThrow(new DataAccessResourceFailureException("the database went away"));
    consumer.start();
    queue.deleteMayAnswer.countDown();

    assertThatThrownBy(() -> consumer.receive(org, 0)).isInstanceOf(DataAccessResourceFailureException.class);
    consumer.stop(); // lets any delete handed over go out first
    assertThat(queue.receives.get()).isEqualTo(1);
    verify(queue.client, never()).deleteMessageBatch(any(DeleteMessageBatchRequest.class));
    verify(queue.client, never()).deleteMessageBatch(any(Consumer.class));
  }

  /** A queue that always has one event waiting and answers a delete only once allowed. */
  static final class FakeQueue {
    final SqsClient client = mock(SqsClient.class);
    final AtomicInteger receives = new AtomicInteger();
    final AtomicInteger deletesStarted = new AtomicInteger();
    final AtomicInteger deletesAnswered = new AtomicInteger();
    final CountDownLatch deleteMayAnswer = new CountDownLatch(1);

    @SuppressWarnings("unchecked")
    FakeQueue() {
      when(client.getQueueUrl(any(Consumer.class))).thenReturn(GetQueueUrlResponse.builder().queueUrl("q").build());
      when(client.getQueueUrl(any(GetQueueUrlRequest.class)))
          .thenReturn(GetQueueUrlResponse.builder().queueUrl("q").build());
      when(client.receiveMessage(any(Consumer.class))).thenAnswer(i -> received());
      when(client.receiveMessage(any(ReceiveMessageRequest.class))).thenAnswer(i -> received());
      when(client.deleteMessageBatch(any(Consumer.class))).thenAnswer(i -> deleted());
      when(client.deleteMessageBatch(any(DeleteMessageBatchRequest.class))).thenAnswer(i -> deleted());
    }

    private ReceiveMessageResponse received() {
      int n = receives.incrementAndGet();
      String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"Test Event\",\"source\":\"test\","
          + "\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{}}";
      return ReceiveMessageResponse.builder()
          .messages(List.of(Message.builder().body(body).receiptHandle("r" + n).build())).build();
    }

    private DeleteMessageBatchResponse deleted() throws InterruptedException {
      deletesStarted.incrementAndGet();
      deleteMayAnswer.await();
      deletesAnswered.incrementAndGet();
      return DeleteMessageBatchResponse.builder().build();
    }
  }
}
