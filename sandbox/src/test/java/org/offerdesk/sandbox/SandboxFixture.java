package org.offerdesk.sandbox;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.springframework.boot.SpringApplication;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.Entity;

/**
 * One sandbox server per test JVM, shared by every test class, on its own database, with short
 * change-set delays. Tests reach it only as clients do: through the AWS SDK and the control API. Its background
 * loops look again only every minute when nothing wakes them (the safety re-check for work another process
 * started), so that every change set and long poll of the tests must end by its computed wait or a signal.
 */
public final class SandboxFixture {

  public static final String SELLER_KEY = "AKIASANDBOXSELLER001";
  public static final String SELLER_SECRET = "sandbox/seller/SECRET/0000000000000000000001";
  public static final String RESELLER_KEY = "AKIASANDBOXRESELLER1";
  public static final String RESELLER_SECRET = "sandbox/reseller/SECRET/00000000000000000001";
  public static final String CATALOG = "AWSMarketplace";
  public static final Set<ChangeStatus> TERMINAL = Set.of(ChangeStatus.SUCCEEDED, ChangeStatus.FAILED, ChangeStatus.CANCELLED);

  private static SandboxServer server;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SandboxFixture() {}

  public static synchronized SandboxServer server() {
    if (server == null) {
      DatabaseUrl url = TestPostgres.newDatabase("sandbox_shared");
      server = SandboxServer.start(new SandboxServer.Settings(0, url.jdbcUrl(), url.username(), url.password(),
          List.of("--offerdesk.sandbox.change-set.delay=200ms", "--offerdesk.sandbox.change-set.recheck-interval=60s",
              "--offerdesk.sandbox.sqs.recheck-interval=60s")));
      // After the contexts, before PostgreSQL (Spring Boot runs its shutdown handlers newest first).
      SpringApplication.getShutdownHandlers().add(server::close);
    }
    return server;
  }

  public static MarketplaceCatalogClient client(String accessKey, String secret) {
    return Marketplace.catalog(server().endpoint(), accessKey, secret);
  }

  public static MarketplaceCatalogClient seller() {
    return client(SELLER_KEY, SELLER_SECRET);
  }

  public static MarketplaceCatalogClient reseller() {
    return client(RESELLER_KEY, RESELLER_SECRET);
  }

  /** A new account opened through {@code POST /sandbox/accounts}. */
  public record NewAccount(String accountId, String accessKeyId, String secretAccessKey) {
    public MarketplaceCatalogClient client() {
      return SandboxFixture.client(accessKeyId, secretAccessKey);
    }
  }

  public static NewAccount openAccount(String name, String kind) {
    JsonNode a = post("/sandbox/accounts", Map.of("name", name, "kind", kind));
    return new NewAccount(a.get("accountId").asText(), a.path("accessKeyId").asText(null), a.path("secretAccessKey").asText(null));
  }

  /** A new limited-preview SaaS product of the seller, through the control API. */
  public static String addProduct(String sellerAccountId, String title) {
    return post("/sandbox/accounts/" + sellerAccountId + "/products", Map.of("title", title, "visibility", "Limited"))
        .get("productId").asText();
  }

  public static JsonNode post(String path, Object body) {
    return send("POST", path, body, 201, 200);
  }

  public static JsonNode send(String method, String path, Object body, int... accepted) {
    return send(server().endpoint(), method, path, body, accepted);
  }

  /** A control API call to any sandbox, answering its JSON if its status is one of {@code accepted}. */
  public static JsonNode send(URI endpoint, String method, String path, Object body, int... accepted) {
    try {
      HttpRequest.BodyPublisher publisher = body == null
          ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
      HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + path))
          .header("Content-Type", "application/json").method(method, publisher).build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      for (int status : accepted) {
        if (response.statusCode() == status) {
          return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        }
      }
      throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse<String> raw(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls DescribeChangeSet until the change set is SUCCEEDED, FAILED or CANCELLED. */
  public static DescribeChangeSetResponse awaitEnd(MarketplaceCatalogClient client, String changeSetId) {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(25))
        .until(() -> client.describeChangeSet(r -> r.catalog(CATALOG).changeSetId(changeSetId)),
            d -> TERMINAL.contains(d.status()));
  }

  /** Starts a change set and waits for its end. */
  public static DescribeChangeSetResponse run(MarketplaceCatalogClient client, Change... changes) {
    String id = client.startChangeSet(r -> r.catalog(CATALOG).changeSet(changes)).changeSetId();
    return awaitEnd(client, id);
  }

  public static Change change(String changeType, String entityType, String identifier, String json) {
    return change(changeType, entityType, identifier, null, json);
  }

  public static Change change(String changeType, String entityType, String identifier, String changeName, String json) {
    Entity.Builder entity = Entity.builder().type(entityType);
    if (identifier != null) {
      entity.identifier(identifier);
    }
    return Change.builder().changeType(changeType).entity(entity.build()).changeName(changeName)
        .detailsDocument(document(json)).build();
  }

  public static Document document(String json) {
    try {
      return toDocument(JSON.readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static Document toDocument(JsonNode node) {
    if (node.isObject()) {
      Map<String, Document> map = new java.util.LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toDocument(e.getValue())));
      return Document.fromMap(map);
    }
    if (node.isArray()) {
      List<Document> list = new java.util.ArrayList<>();
      node.forEach(n -> list.add(toDocument(n)));
      return Document.fromList(list);
    }
    if (node.isIntegralNumber()) {
      return Document.fromNumber(node.asLong());
    }
    if (node.isNumber()) {
      return Document.fromNumber(node.decimalValue());
    }
    if (node.isBoolean()) {
      return Document.fromBoolean(node.asBoolean());
    }
    if (node.isNull()) {
      return Document.fromNull();
    }
    return Document.fromString(node.asText());
  }

  public static String inDays(int days) {
    return LocalDate.now(ZoneOffset.UTC).plusDays(days).toString();
  }
}
