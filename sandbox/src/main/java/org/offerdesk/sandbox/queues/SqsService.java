package org.offerdesk.sandbox.queues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.wire.AwsJson;
import org.offerdesk.sandbox.wire.AwsJsonService;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Amazon SQS in the AWS JSON 1.0 protocol of SDK 2.40 ({@code X-Amz-Target: AmazonSQS.<Operation>}):
 * GetQueueUrl, ListQueues, ReceiveMessage (long polling, visibility timeout, system attributes),
 * DeleteMessage, DeleteMessageBatch, ChangeMessageVisibility, GetQueueAttributes, SendMessage and
 * PurgeQueue. Each seller and reseller account owns one queue, {@value Queues#EVENTS_QUEUE}, at
 * {@code http://<host>:<port>/<accountId>/aws-marketplace-events}.
 */
@Component
class SqsService implements AwsJsonService {

  private static final int MAX_WAIT_SECONDS = 20;

  private final Queues queues;
  private final Accounts accounts;
  private final Duration defaultVisibility;
  private final Duration recheck;
  /**
   * Set as the sandbox begins to stop, before its web server's graceful shutdown, which waits for every request in
   * flight: a long poll then answers at once with what it has (nothing), instead of holding the stop for up to its
   * 20 s. Its client polls again, elsewhere or later, as after any empty receive.
   */
  private volatile boolean stopping;

  SqsService(Queues queues, Accounts accounts,
      @Value("${offerdesk.sandbox.sqs.visibility-timeout:30s}") Duration defaultVisibility,
      @Value("${offerdesk.sandbox.sqs.recheck-interval:1s}") Duration recheck) {
    this.queues = queues;
    this.accounts = accounts;
    this.defaultVisibility = defaultVisibility;
    this.recheck = recheck;
  }

  @EventListener
  void onClosing(ContextClosedEvent closing) {
    stopping = true;
    queues.signal();
  }

  @Override
  public String targetPrefix() {
    return "AmazonSQS";
  }

  @Override
  public String jsonVersion() {
    return "1.0";
  }

  @Override
  public String signingName() {
    return "sqs";
  }

  @Override
  public String errorNamespace() {
    return "com.amazonaws.sqs#";
  }

  /** A queue: its owner and name. */
  private record Queue(String accountId, String name) {}

  @Override
  public JsonNode call(String operation, JsonNode in, Account caller, String path) {
    return switch (operation) {
      case "GetQueueUrl" -> getQueueUrl(in, caller);
      case "ListQueues" -> listQueues(in, caller);
      case "ReceiveMessage" -> receive(in, queue(in, caller, path));
      case "DeleteMessage" -> deleteMessage(in, queue(in, caller, path));
      case "DeleteMessageBatch" -> deleteMessageBatch(in, queue(in, caller, path));
      case "ChangeMessageVisibility" -> changeVisibility(in, queue(in, caller, path));
      case "GetQueueAttributes" -> attributes(in, queue(in, caller, path));
      case "SendMessage" -> send(in, queue(in, caller, path));
      case "PurgeQueue" -> purge(queue(in, caller, path));
      default -> throw error("UnsupportedOperation", "The sandbox does not implement SQS " + operation);
    };
  }

  private JsonNode getQueueUrl(JsonNode in, Account caller) {
    String name = AwsJson.text(in, "QueueName").orElseThrow(() -> error("MissingParameter", "QueueName is required"));
    String owner = AwsJson.text(in, "QueueOwnerAWSAccountId").orElse(caller.id().value());
    Queue queue = check(new Queue(owner, name), caller);
    return AwsJson.object().put("QueueUrl", url(queue));
  }

  private JsonNode listQueues(JsonNode in, Account caller) {
    ObjectNode out = AwsJson.object();
    String prefix = AwsJson.text(in, "QueueNamePrefix").orElse("");
    ArrayNode urls = out.putArray("QueueUrls");
    if (caller.kind().signsApiCalls() && Queues.EVENTS_QUEUE.startsWith(prefix)) {
      urls.add(url(new Queue(caller.id().value(), Queues.EVENTS_QUEUE)));
    }
    return out;
  }

  private JsonNode receive(JsonNode in, Queue queue) {
    int max = in.path("MaxNumberOfMessages").asInt(1);
    if (max < 1 || max > 10) {
      throw error("InvalidParameterValue", "MaxNumberOfMessages must be between 1 and 10, not " + max);
    }
    Duration visibility = in.has("VisibilityTimeout") ? seconds(in, "VisibilityTimeout", 43_200) : defaultVisibility;
    int wait = in.has("WaitTimeSeconds") ? (int) seconds(in, "WaitTimeSeconds", MAX_WAIT_SECONDS).toSeconds() : 0;
    Set<String> wanted = new HashSet<>();
    in.path("AttributeNames").forEach(n -> wanted.add(n.asText()));
    in.path("MessageSystemAttributeNames").forEach(n -> wanted.add(n.asText()));
    List<QueueMessage> messages = longPoll(queue, max, visibility, Duration.ofSeconds(wait));
    ObjectNode out = AwsJson.object();
    if (messages.isEmpty()) {
      return out;
    }
    ArrayNode list = out.putArray("Messages");
    for (QueueMessage m : messages) {
      ObjectNode message = list.addObject()
          .put("MessageId", m.messageId())
          .put("ReceiptHandle", m.receiptHandle())
          .put("MD5OfBody", m.bodyMd5())
          .put("Body", m.body());
      ObjectNode attributes = AwsJson.object();
      attribute(attributes, wanted, "ApproximateReceiveCount", String.valueOf(m.receiveCount()));
      attribute(attributes, wanted, "SentTimestamp", String.valueOf(m.sentAt().toEpochMilli()));
      attribute(attributes, wanted, "ApproximateFirstReceiveTimestamp", String.valueOf(m.firstReceivedAt().toEpochMilli()));
      attribute(attributes, wanted, "SenderId", "AIDASANDBOXMARKETPLACE");
      if (!attributes.isEmpty()) {
        message.set("Attributes", attributes);
      }
    }
    return out;
  }

  /**
   * Receives, waiting up to {@code wait} (real time: it is a network timeout) for a message, as SQS does. A send or
   * a visibility change in this process and a move of the clock wake the wait at once (the signal count taken
   * before the receive catches one given in between); a message that becomes visible by time alone (a delay or a
   * visibility timeout ending on the sandbox clock) is looked for when that time comes, which the empty receive
   * tells. A message another process put on the queue (sandboxes may share a database) no signal announces: the
   * poll looks again every {@code offerdesk.sandbox.sqs.recheck-interval} at the latest.
   */
  private List<QueueMessage> longPoll(Queue queue, int max, Duration visibility, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long seen = queues.arrivalsSeen();
      Queues.Received received = queues.receive(queue.accountId(), queue.name(), max, visibility);
      long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis() + 1;
      if (!received.messages().isEmpty() || stopping || System.nanoTime() >= deadline) {
        return received.messages();
      }
      try {
        queues.awaitArrival(seen, queues.millisUntilVisible(received, Math.min(left, recheck.toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
  }

  private static void attribute(ObjectNode attributes, Set<String> wanted, String name, String value) {
    if (wanted.contains("All") || wanted.contains(name)) {
      attributes.put(name, value);
    }
  }

  private JsonNode deleteMessage(JsonNode in, Queue queue) {
    String handle = AwsJson.text(in, "ReceiptHandle").orElseThrow(() -> error("MissingParameter", "ReceiptHandle is required"));
    if (!queues.delete(queue.accountId(), queue.name(), handle)) {
      throw error("ReceiptHandleIsInvalid", "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
    }
    return AwsJson.object();
  }

  private JsonNode deleteMessageBatch(JsonNode in, Queue queue) {
    JsonNode entries = in.path("Entries");
    if (entries.size() == 0) {
      throw error("EmptyBatchRequest", "There should be at least one DeleteMessageBatchRequestEntry in the request.");
    }
    if (entries.size() > 10) {
      throw error("TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. You have sent " + entries.size() + ".");
    }
    Set<String> ids = new HashSet<>();
    entries.forEach(e -> {
      if (!ids.add(e.path("Id").asText())) {
        throw error("BatchEntryIdsNotDistinct", "Id " + e.path("Id").asText() + " repeated.");
      }
    });
    ObjectNode out = AwsJson.object();
    ArrayNode successful = out.putArray("Successful");
    ArrayNode failed = out.putArray("Failed");
    List<String> handles = new ArrayList<>();
    entries.forEach(e -> handles.add(e.path("ReceiptHandle").asText()));
    List<Boolean> deleted = queues.deleteAll(queue.accountId(), queue.name(), handles);
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      String id = e.path("Id").asText();
      if (deleted.get(i)) {
        successful.addObject().put("Id", id);
      } else {
        failed.addObject().put("Id", id).put("SenderFault", true).put("Code", "ReceiptHandleIsInvalid")
            .put("Message", "The input receipt handle is not a valid receipt handle.");
      }
    }
    return out;
  }

  private JsonNode changeVisibility(JsonNode in, Queue queue) {
    String handle = AwsJson.text(in, "ReceiptHandle").orElseThrow(() -> error("MissingParameter", "ReceiptHandle is required"));
    Duration timeout = seconds(in, "VisibilityTimeout", 43_200);
    switch (queues.changeVisibility(queue.accountId(), queue.name(), handle, timeout)) {
      case INVALID_HANDLE -> throw error("ReceiptHandleIsInvalid", "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
      case NOT_IN_FLIGHT -> throw error("MessageNotInflight", "The message referred to is not in flight.");
      default -> {
        return AwsJson.object();
      }
    }
  }

  private JsonNode attributes(JsonNode in, Queue queue) {
    Set<String> wanted = new HashSet<>();
    in.path("AttributeNames").forEach(n -> wanted.add(n.asText()));
    Queues.Counts counts = queues.counts(queue.accountId(), queue.name());
    Account owner = accounts.find(queue.accountId()).orElseThrow();
    String created = String.valueOf(owner.createdAt().getEpochSecond());
    ObjectNode attributes = AwsJson.object();
    attribute(attributes, wanted, "QueueArn", "arn:aws:sqs:us-east-1:" + queue.accountId() + ":" + queue.name());
    attribute(attributes, wanted, "ApproximateNumberOfMessages", String.valueOf(counts.visible()));
    attribute(attributes, wanted, "ApproximateNumberOfMessagesNotVisible", String.valueOf(counts.notVisible()));
    attribute(attributes, wanted, "ApproximateNumberOfMessagesDelayed", String.valueOf(counts.delayed()));
    attribute(attributes, wanted, "VisibilityTimeout", String.valueOf(defaultVisibility.toSeconds()));
    attribute(attributes, wanted, "ReceiveMessageWaitTimeSeconds", "0");
    attribute(attributes, wanted, "DelaySeconds", "0");
    attribute(attributes, wanted, "MaximumMessageSize", "262144");
    attribute(attributes, wanted, "MessageRetentionPeriod", "345600");
    attribute(attributes, wanted, "CreatedTimestamp", created);
    attribute(attributes, wanted, "LastModifiedTimestamp", created);
    attribute(attributes, wanted, "SqsManagedSseEnabled", "true");
    ObjectNode out = AwsJson.object();
    out.set("Attributes", attributes);
    return out;
  }

  private JsonNode send(JsonNode in, Queue queue) {
    String body = AwsJson.text(in, "MessageBody").orElseThrow(() -> error("MissingParameter", "MessageBody is required"));
    Duration delay = in.has("DelaySeconds") ? seconds(in, "DelaySeconds", 900) : Duration.ZERO;
    String id = queues.send(queue.accountId(), queue.name(), body, delay, false);
    return AwsJson.object().put("MessageId", id).put("MD5OfMessageBody", Queues.md5(body));
  }

  private JsonNode purge(Queue queue) {
    queues.purge(queue.accountId(), queue.name());
    return AwsJson.object();
  }

  /** The queue a call names by QueueUrl (or, without one, by the path it was posted to), checked to be the caller's. */
  private Queue queue(JsonNode in, Account caller, String path) {
    String target = AwsJson.text(in, "QueueUrl").map(u -> URI.create(u).getPath()).orElse(path);
    String[] parts = target == null ? new String[0] : target.replaceAll("^/+", "").split("/");
    if (parts.length != 2) {
      throw error("QueueDoesNotExist", "The specified queue does not exist.");
    }
    return check(new Queue(parts[0], parts[1]), caller);
  }

  private Queue check(Queue queue, Account caller) {
    Optional<Account> owner = accounts.find(queue.accountId()).filter(a -> a.kind().signsApiCalls());
    if (owner.isEmpty() || !Queues.EVENTS_QUEUE.equals(queue.name())) {
      throw error("QueueDoesNotExist", "The specified queue does not exist.");
    }
    if (!owner.get().id().equals(caller.id())) {
      throw error("AccessDenied", "Access to the resource " + queue.name() + " is denied.");
    }
    return queue;
  }

  private String url(Queue queue) {
    return ServletUriComponentsBuilder.fromCurrentContextPath().path("/" + queue.accountId() + "/" + queue.name())
        .toUriString();
  }

  private static Duration seconds(JsonNode in, String field, int max) {
    JsonNode value = in.get(field);
    if (value == null || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > max) {
      throw error("InvalidParameterValue", "Value " + value + " for parameter " + field + " is invalid. Reason: must be between 0 and " + max + ".");
    }
    return Duration.ofSeconds(value.asInt());
  }

  private static AwsServiceException error(String code, String message) {
    return new AwsServiceException(400, code, message);
  }
}
