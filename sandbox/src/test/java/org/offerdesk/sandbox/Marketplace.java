package org.offerdesk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplaceagreement.model.AcceptedTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplaceentitlement.MarketplaceEntitlementClient;
import software.amazon.awssdk.services.marketplacemetering.MarketplaceMeteringClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The buyer's side and the seller's AWS clients for tests: the Catalog, Agreement, Metering, Entitlement and SQS
 * SDK clients pointed at a sandbox with an account's keys, the control API's accept and subscribe, and
 * an inbox that reads an account's event queue as a seller would.
 */
public final class Marketplace {

  public static final ObjectMapper JSON = new ObjectMapper();

  private Marketplace() {}

  /** Any SDK v2 client of the sandbox: its endpoint, us-east-1, an account's keys, the Apache HTTP client. */
  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      B builder, URI endpoint, String key, String secret) {
    return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  public static MarketplaceCatalogClient catalog(URI endpoint, String key, String secret) {
    return client(MarketplaceCatalogClient.builder(), endpoint, key, secret);
  }

  public static MarketplaceAgreementClient agreements(URI endpoint, String key, String secret) {
    return client(MarketplaceAgreementClient.builder(), endpoint, key, secret);
  }

  public static MarketplaceMeteringClient metering(URI endpoint, String key, String secret) {
    return client(MarketplaceMeteringClient.builder(), endpoint, key, secret);
  }

  public static MarketplaceEntitlementClient entitlements(URI endpoint, String key, String secret) {
    return client(MarketplaceEntitlementClient.builder(), endpoint, key, secret);
  }

  public static SqsClient sqs(URI endpoint, String key, String secret) {
    return client(SqsClient.builder(), endpoint, key, secret);
  }

  /** SearchAgreements as proposer for purchase agreements, with one more filter. */
  public static List<AgreementViewSummary> search(MarketplaceAgreementClient client, String filter, String value) {
    return client.searchAgreements(r -> r.catalog("AWSMarketplace").filters(
        f -> f.name("PartyType").values("Proposer"), f -> f.name("AgreementType").values("PurchaseAgreement"),
        f -> f.name(filter).values(value))).agreementViewSummaries();
  }

  /** The control API's answer to an acceptance or subscription. */
  public record Purchase(String agreementId, String fulfillmentUrl, String token) {
    static Purchase of(JsonNode body) {
      return new Purchase(body.get("agreementId").asText(), body.get("fulfillment").get("url").asText(),
          body.get("fulfillment").get("token").asText());
    }
  }

  /** {@code POST /sandbox/offers/{offerId}/accept} on the shared sandbox. */
  public static Purchase accept(String offerId, String buyer) {
    return accept(SandboxFixture.server().endpoint(), offerId, buyer);
  }

  public static Purchase accept(URI sandbox, String offerId, String buyer) {
    return Purchase.of(SandboxFixture.send(sandbox, "POST", "/sandbox/offers/" + offerId + "/accept",
        Map.of("buyerAccountId", buyer), 201));
  }

  /** {@code POST /sandbox/products/{productId}/subscribe} on the shared sandbox. */
  public static Purchase subscribe(String productId, String buyer, Map<String, Integer> quantities) {
    List<Map<String, Object>> dimensions = new ArrayList<>();
    quantities.forEach((k, q) -> dimensions.add(Map.of("key", k, "quantity", q)));
    return Purchase.of(SandboxFixture.post("/sandbox/products/" + productId + "/subscribe",
        Map.of("buyerAccountId", buyer, "dimensions", dimensions)));
  }

  /**
   * An account's {@code aws-marketplace-events} queue read as a seller reads it: every message received is
   * deleted and kept, so a test can wait for the events it expects among others.
   */
  public static final class Inbox {
    private final SqsClient sqs;
    private final String queueUrl;
    private final List<JsonNode> events = new ArrayList<>();

    public Inbox(SqsClient sqs) {
      this.sqs = sqs;
      this.queueUrl = sqs.getQueueUrl(r -> r.queueName("aws-marketplace-events")).queueUrl();
    }

    public String queueUrl() {
      return queueUrl;
    }

    /** Receives once (waiting up to a second), deletes what came, and answers every event seen so far. */
    public List<JsonNode> poll() {
      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      for (Message m : messages) {
        try {
          events.add(JSON.readTree(m.body()));
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
      if (!messages.isEmpty()) {
        var deleted = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(messages.stream()
            .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
            .toList()));
        if (deleted.hasFailed() && !deleted.failed().isEmpty()) {
          throw new AssertionError("Could not delete " + deleted.failed());
        }
      }
      return List.copyOf(events);
    }

    /** Waits for an event of the detail type that matches, and answers it. */
    public JsonNode awaitEvent(String detailType, Predicate<JsonNode> matching) {
      return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
          .until(() -> poll().stream()
              .filter(e -> detailType.equals(e.path("detail-type").asText()) && matching.test(e))
              .findFirst().orElse(null), e -> e != null);
    }

    /** Every event seen so far about an agreement. */
    public List<JsonNode> about(String agreementId) {
      return events.stream().filter(e -> e.path("resources").toString().contains(agreementId)).toList();
    }
  }

  /** The one accepted term of a kind, e.g. {@code term(terms, AcceptedTerm::legalTerm)}. */
  public static <T> T term(List<AcceptedTerm> terms, java.util.function.Function<AcceptedTerm, T> kind) {
    List<T> found = terms.stream().map(kind).filter(java.util.Objects::nonNull).toList();
    if (found.size() != 1) {
      throw new AssertionError("Expected one term of that kind among " + terms);
    }
    return found.get(0);
  }

  public static Predicate<JsonNode> forAgreement(String agreementId) {
    return e -> agreementId.equals(e.path("detail").path("agreement").path("id").asText());
  }
}
