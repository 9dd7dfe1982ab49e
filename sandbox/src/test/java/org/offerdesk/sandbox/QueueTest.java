package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.offerdesk.sandbox.SandboxFixture.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A seller's event queue through the SDK's SqsClient: visibility timeouts and redelivery, batch deletes,
 * long polling, and the delivery faults (duplicates, reordering, delay) a consumer must survive. Each
 * test uses a seller account of its own, so its queue holds only its own messages.
 */
class QueueTest {

  private SandboxFixture.NewAccount account;
  private SqsClient sqs;
  private String url;

  @BeforeEach
  void newSeller() {
    account = SandboxFixture.openAccount("Queue seller " + System.nanoTime(), "SELLER");
    sqs = Marketplace.sqs(SandboxFixture.server().endpoint(), account.accessKeyId(), account.secretAccessKey());
    url = sqs.getQueueUrl(r -> r.queueName("aws-marketplace-events")).queueUrl();
  }

  @AfterEach
  void clearFaults() {
    SandboxFixture.send("DELETE", "/sandbox/faults", null, 200);
    sqs.close();
  }

  private List<Message> receive(int visibilitySeconds) {
    return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(visibilitySeconds)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
  }

  /** Runs a change set of the account (creating an offer on a product of its own), which sends it one event. */
  private String changeSetEvent() {
    MarketplaceCatalogClient catalog = account.client();
    String product = SandboxFixture.addProduct(account.accountId(), "Queue product " + System.nanoTime());
    var done = SandboxFixture.run(catalog, change("CreateOffer", "Offer@1.0", null, "{\"ProductId\":\"" + product + "\"}"));
    assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    return done.changeSetId();
  }

  private static String changeSetOf(Message m) {
    try {
      return Marketplace.JSON.readTree(m.body()).path("detail").path("ChangeSetId").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theQueueUrlNamesTheAccount() {
    assertThat(url).isEqualTo(SandboxFixture.server().endpoint() + "/" + account.accountId() + "/aws-marketplace-events");
    assertThat(sqs.listQueues().queueUrls()).containsExactly(url);
  }

  @Test
  void aMessageNotDeletedIsDeliveredAgainAfterItsVisibilityTimeout() {
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("one"));
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("two"));
    List<Message> first = receive(1);
    assertThat(first).extracting(Message::body).containsExactly("one", "two");
    assertThat(first).allSatisfy(m -> assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("1"));
    assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "2")
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");

    List<Message> again = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> receive(30), messages -> messages.size() == 2);
    assertThat(again).extracting(Message::messageId).containsExactlyElementsOf(first.stream().map(Message::messageId).toList());
    assertThat(again).allSatisfy(m -> assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2"));

    List<DeleteMessageBatchRequestEntry> entries = new java.util.ArrayList<>(again.stream()
        .map(m -> DeleteMessageBatchRequestEntry.builder().id("m" + m.body()).receiptHandle(m.receiptHandle()).build()).toList());
    entries.add(DeleteMessageBatchRequestEntry.builder().id("bogus").receiptHandle("not-a-handle").build());
    DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
    assertThat(deleted.successful()).extracting(s -> s.id()).containsExactlyInAnyOrder("mone", "mtwo");
    assertThat(deleted.failed()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid"));
    assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributesAsStrings())
        .containsEntry("ApproximateNumberOfMessages", "0").containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
  }

  @Test
  void changingVisibilityToZeroReleasesAMessageAtOnce() {
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("again"));
    Message m = receive(300).get(0);
    assertThat(receive(300)).isEmpty();
    sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
    assertThat(receive(300)).extracting(Message::messageId).containsExactly(m.messageId());
  }

  /**
   * A long poll gets a delayed message as soon as its delay ends, not earlier, and not at the poll's next re-check
   * (a minute in these tests, longer than the poll): the empty receive tells when the queue's next message is due.
   */
  @Test
  void aWaitingLongPollGetsADelayedMessageWhenItsDelayEnds() {
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("delayed").delaySeconds(2));
    List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    assertThat(got).extracting(Message::body).containsExactly("delayed");
    Map<MessageSystemAttributeName, String> attributes = got.get(0).attributes();
    // Not before its delay; and long before the poll's end, at which its last receive would have found it anyway.
    assertThat(Long.parseLong(attributes.get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP))
        - Long.parseLong(attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP))).isBetween(2000L, 12_000L);
  }

  /** Likewise a message whose visibility timeout ends while a long poll waits. */
  @Test
  void aWaitingLongPollGetsAMessageWhenItsVisibilityTimeoutEnds() {
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("again"));
    Message first = receive(1).get(0);
    long polled = System.nanoTime();
    List<Message> again = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    // Long before the poll's end (20 s), at which its last receive would have found it anyway.
    assertThat(Duration.ofNanos(System.nanoTime() - polled)).isLessThan(Duration.ofSeconds(12));
    assertThat(again).extracting(Message::messageId).containsExactly(first.messageId());
    assertThat(again.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2");
  }

  @Test
  void aLongPollReturnsWhenAMessageArrives() throws Exception {
    CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(
        () -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)).messages());
    changeSetEvent();
    assertThat(poll.get()).singleElement().satisfies(m -> assertThat(m.body()).contains("Change Set Succeeded"));
  }

  @Test
  void injectedFaultsDuplicateReorderAndDelayEvents() {
    SandboxFixture.post("/sandbox/faults", Map.of("eventDuplicateRate", 1.0));
    String duplicated = changeSetEvent();
    List<Message> twice = await().atMost(Duration.ofSeconds(10)).until(() -> receive(30), l -> l.size() >= 2);
    assertThat(twice).hasSize(2).extracting(QueueTest::changeSetOf).containsOnly(duplicated);
    assertThat(twice.get(0).messageId()).isNotEqualTo(twice.get(1).messageId());
    assertThat(twice.get(0).body()).isEqualTo(twice.get(1).body());
    twice.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())));

    JsonNode faults = SandboxFixture.post("/sandbox/faults", Map.of("reorderEvents", true));
    assertThat(faults.path("reorderEvents").asBoolean()).isTrue();
    String earlier = changeSetEvent();
    String later = changeSetEvent();
    assertThat(receive(30)).extracting(QueueTest::changeSetOf).containsExactly(later, earlier);

    SandboxFixture.post("/sandbox/faults", Map.of("eventDelayMillis", 3_600_000));
    changeSetEvent();
    assertThat(receive(30)).isEmpty();
    assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessagesDelayed"))
        .attributesAsStrings()).containsEntry("ApproximateNumberOfMessagesDelayed", "1");
  }
}
