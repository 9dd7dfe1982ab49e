package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.support.SandboxLane;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;

/**
 * Generated bad input thrown at every create and update operation the OpenAPI document lists (and bad
 * query strings at every read): OfferDesk never answers 5xx, every error is problem+json, and a refused
 * request writes nothing.
 */
@OfferDeskTest
// jqwik does not see @OfferDeskTest's JUnit tag: its own puts the class in the PlatformLane, with its context.
@Tag(SandboxLane.SPRING_CONTEXT_TAG)
class BadInputPropertyTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

  /**
   * One API operation from the OpenAPI document: its method, path template, body or query fields, and
   * for each body field a plausible JSON value of its declared type (so that one bad field among good
   * ones reaches the code behind deserialization).
   */
  record Operation(String method, String path, List<String> fields, Map<String, String> plausible) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  // One tenant and one reading of the OpenAPI document for all tries: the context is shared anyway.
  private static TestTenants.Tenant tenant;
  private static List<Operation> writes;
  private static List<Operation> reads;
  private static String snapshotSql;
  // The last snapshot taken, and PostgreSQL's transaction snapshot it was read in (see snapshot()).
  private static String lastRows;
  private static String lastTransactions;

  private Http api;

  /**
   * Called first by every property and provider. jqwik knows nothing of Spring, so the test asks Spring's
   * TestContextManager to start (or reuse) the {@code @OfferDeskTest} context and inject the fields.
   */
  private void connect() {
    if (context == null) {
      try {
        new TestContextManager(getClass()).prepareTestInstance(this);
      } catch (Exception e) {
        throw new IllegalStateException("The test context did not start", e);
      }
    }
    if (tenant == null) {
      tenant = new TestTenants(context).seller("Fuzzed Co");
      JsonNode openapi = new Http(port).bearer(tenant.adminToken()).get("/api/v1/openapi.json").json();
      writes = operations(openapi, List.of("post", "put", "patch"));
      reads = operations(openapi, List.of("get")).stream().filter(o -> !o.fields().isEmpty()).toList();
      snapshotSql = snapshotSql();
    }
    api = new Http(port).bearer(tenant.adminToken());
  }

  // Bounded so the class runs in well under a minute; each try is a real request with a table snapshot before and
  // after it (read anew only when some transaction has ended since the last, see snapshot()).
  // Edge cases off: they would crowd onto the operations with the most fields.
  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void bad_bodies_are_refused_with_a_problem_and_write_nothing(@ForAll("badRequests") Map.Entry<Operation, Sent> call) {
    connect();
    Operation op = call.getKey();
    Sent sent = call.getValue();
    String before = snapshot();
    Http.Response r = api.raw(op.method(), sent.path(), sent.contentType(), sent.body());
    Statistics.collect(op.toString(), r.status() / 100 + "xx");
    assertAnswered(op, sent, r, before);
  }

  @Property(tries = 100)
  void bad_query_strings_are_refused_with_a_problem(@ForAll("badQueries") Map.Entry<Operation, String> call) {
    connect();
    Operation op = call.getKey();
    String before = snapshot();
    Http.Response r = api.get(call.getValue());
    Statistics.collect(op.toString(), r.status() / 100 + "xx");
    assertAnswered(op, new Sent(call.getValue(), null, ""), r, before);
  }

  private void assertAnswered(Operation op, Sent sent, Http.Response r, String before) {
    String what = op + " " + sent + " answered " + r.status() + ": " + r.body();
    assertThat(r.status()).as(what).isLessThan(500);
    if (r.status() >= 400) {
      assertThat(r.header("Content-Type")).as(what).startsWith("application/problem+json");
      assertThat(r.json().at("/type").asText()).as(what).startsWith("/problems/");
      assertThat(snapshot()).as("rows changed by the refused " + what).isEqualTo(before);
    }
  }

  /** A request as sent: the path with its parameters filled in, the content type and the raw body. */
  record Sent(String path, String contentType, String body) {
    @Override
    public String toString() {
      return path + " [" + contentType + "] " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }

  @Provide
  Arbitrary<Map.Entry<Operation, Sent>> badRequests() {
    connect();
    return Arbitraries.of(writes).flatMap(op -> Combinators.combine(pathOf(op), body(op), contentType())
        .as((path, body, type) -> Map.entry(op, new Sent(path, type, body))));
  }

  @Provide
  Arbitrary<Map.Entry<Operation, String>> badQueries() {
    connect();
    return Arbitraries.of(reads).flatMap(op -> Combinators.combine(pathOf(op), Arbitraries.of(op.fields()),
        badQueryValue()).as((path, name, value) -> Map.entry(op, path + "?" + name + "=" + value)));
  }

  private Arbitrary<String> pathOf(Operation op) {
    Matcher m = PATH_PARAMETER.matcher(op.path());
    if (!m.find()) {
      return Arbitraries.just(op.path());
    }
    // Path parameters name a real row (the tenant's own admin) as often as an unknown or malformed one,
    // so that bodies reach the code behind the lookup.
    return Arbitraries.of(tenant.adminId().toString(), UUID.randomUUID().toString(), "prod-fuzz", "not-an-id")
        .map(value -> PATH_PARAMETER.matcher(op.path()).replaceAll(value));
  }

  private static Arbitrary<String> contentType() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, Arbitraries.just("application/json")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("text/plain", "application/json; charset=latin1")));
  }

  /** A body that is wrong somewhere: poisoned fields, duplicate keys, the wrong shape, or no JSON at all. */
  private static Arbitrary<String> body(Operation op) {
    List<String> fields = op.fields().isEmpty() ? List.of("name") : op.fields();
    Arbitrary<String> poisonedObject = Combinators.combine(
            Arbitraries.of(fields).set().ofMinSize(0).ofMaxSize(fields.size()), Arbitraries.of(fields), value(2),
            value(2), Arbitraries.of(true, false))
        .flatAs((present, poisoned, v1, v2, duplicate) -> {
          List<String> others = present.stream().filter(f -> !f.equals(poisoned)).toList();
          List<Arbitrary<String>> values = others.stream().map(f -> Arbitraries.frequencyOf(
              net.jqwik.api.Tuple.of(3, Arbitraries.just(op.plausible().getOrDefault(f, "\"x\""))),
              net.jqwik.api.Tuple.of(1, value(2)))).toList();
          return Combinators.combine(values).as(vs -> {
            List<String> members = new ArrayList<>();
            Iterator<String> v = vs.iterator();
            for (String field : others) {
              members.add(quote(field) + ":" + v.next());
            }
            members.add(quote(poisoned) + ":" + v1);
            if (duplicate) {
              members.add(quote(poisoned) + ":" + v2);
            }
            return "{" + String.join(",", members) + "}";
          });
        });
    Arbitrary<String> wrongShape = Arbitraries.of("", " ", "not json", "{", "}", "[]", "null", "42", "\"text\"",
        "{\"a\":1,}", "{'a':1}", "\u0000", "{\"\u0000\":1}", "[" + "[".repeat(3000) + "]".repeat(3000) + "]",
        "{\"a\":".repeat(2000) + "1" + "}".repeat(2000));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, poisonedObject), net.jqwik.api.Tuple.of(2, wrongShape));
  }

  /** A JSON value, usually a bad one: text with control characters, far dates, nulls in arrays, wrong types. */
  private static Arbitrary<String> value(int depth) {
    Arbitrary<String> scalar = Arbitraries.oneOf(
        badText().map(BadInputPropertyTest::quote),
        Arbitraries.of("null", "true", "-1", "0", "3.5", "1e309", "-1e309", "99999999999999999999999999",
            "0.0000000000000000000001", "\"\"", "\"USD\"", "\"CONTRACT\"", "\"2027-01-31\"", "\"123456789012\""));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> array = Arbitraries.oneOf(Arbitraries.just("null"), value(depth - 1))
        .list().ofMaxSize(3).map(vs -> "[" + String.join(",", vs) + "]");
    Arbitrary<String> object = Combinators.combine(badText().map(BadInputPropertyTest::quote), value(depth - 1))
        .as((k, v) -> "{" + k + ":" + v + "}");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(3, array),
        net.jqwik.api.Tuple.of(1, object));
  }

  private static Arbitrary<String> badText() {
    Arbitrary<String> control = Arbitraries.strings().withChars('a', 'b').withCharRange('\u0000', '\u001f')
        .withChars('\u007f', '\u0085').ofMinLength(1).ofMaxLength(6);
    return Arbitraries.oneOf(control,
        Arbitraries.of("a\u0000b", "\u0000", "+999999999-12-31", "-999999999-01-01", "9999-12-31", "0001-01-01",
            "\ud800", "a\udc00b", "x".repeat(5000), "offer-\u0000", "https://example.com/\u0000"),
        Arbitraries.strings().ofMaxLength(12));
  }

  private static Arbitrary<String> badQueryValue() {
    return Arbitraries.oneOf(Arbitraries.of("%00", "a%00b", "%01", "%1F", "%7F", "%0D%0A", "%C0%80", "%FF", "%ED%A0%80",
            "+999999999-12-31", "-1", "999999999999999999999"),
        Arbitraries.integers().between(0, 31).map(c -> "x%" + String.format("%02X", c)));
  }

  /** A JSON string literal; control characters escaped as \\uXXXX so the JSON itself stays well formed. */
  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** Every operation with one of the methods, with the fields of its JSON body (or its query parameters). */
  private static List<Operation> operations(JsonNode openapi, List<String> methods) {
    List<Operation> found = new ArrayList<>();
    openapi.path("paths").fields().forEachRemaining(path -> {
      if (!path.getKey().startsWith("/api/v1/")) {
        return;
      }
      path.getValue().fields().forEachRemaining(method -> {
        if (!methods.contains(method.getKey())) {
          return;
        }
        JsonNode op = method.getValue();
        List<String> fields = new ArrayList<>();
        Map<String, String> plausible = new java.util.HashMap<>();
        JsonNode schema = resolve(openapi, op.at("/requestBody/content/application~1json/schema"));
        schema.path("properties").fields().forEachRemaining(p -> {
          fields.add(p.getKey());
          plausible.put(p.getKey(), plausible(openapi, p.getValue(), 0));
        });
        if (method.getKey().equals("get")) {
          op.path("parameters").forEach(p -> {
            if ("query".equals(p.path("in").asText())) {
              fields.add(p.path("name").asText());
            }
          });
        }
        found.add(new Operation(method.getKey().toUpperCase(), path.getKey(), fields, plausible));
      });
    });
    assertThat(found).as("operations " + methods + " in the OpenAPI document").isNotEmpty();
    return found;
  }

  /** A good value of the schema's type: what a careful client would send. */
  private static String plausible(JsonNode openapi, JsonNode declared, int depth) {
    JsonNode schema = resolve(openapi, declared);
    if (schema.has("enum")) {
      return quote(schema.get("enum").get(0).asText());
    }
    return switch (schema.path("type").asText()) {
      case "string" -> switch (schema.path("format").asText()) {
        case "date" -> quote(java.time.LocalDate.now().plusDays(30).toString());
        case "date-time" -> quote(java.time.Instant.now().toString());
        case "uuid" -> quote(UUID.randomUUID().toString());
        default -> "\"Plausible\"";
      };
      case "integer", "number" -> "1";
      case "boolean" -> "true";
      case "array" -> depth > 2 ? "[]" : "[" + plausible(openapi, schema.path("items"), depth + 1) + "]";
      case "object" -> {
        List<String> members = new ArrayList<>();
        if (depth <= 2) {
          schema.path("properties").fields().forEachRemaining(p ->
              members.add(quote(p.getKey()) + ":" + plausible(openapi, p.getValue(), depth + 1)));
        }
        yield "{" + String.join(",", members) + "}";
      }
      default -> "\"x\"";
    };
  }

  private static JsonNode resolve(JsonNode openapi, JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    return ref.startsWith("#/") ? openapi.at(ref.substring(1)) : schema;
  }

  /**
   * Row counts of every table, and a checksum of every row that belongs to the fuzzed tenant. A token's
   * {@code last_used_at} moves when it is used, so the tenant's tokens are only counted.
   */
  private String snapshotSql() {
    List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        + " AND table_type = 'BASE TABLE' ORDER BY table_name").query(String.class).list();
    List<String> tenantTables = jdbc.sql("SELECT table_name FROM information_schema.columns WHERE table_schema ="
        + " 'public' AND column_name = 'organization_id'").query(String.class).list();
    // The job queue is written all the time by background work of the shared context (sweeps, heartbeats):
    // only the fuzzed tenant's jobs count there.
    List<String> background = List.of("job", "job_worker", "finance_sync");
    // The tenant's own background rows: the hourly feed sync of a tenant with a data feed bucket (its runs and
    // jobs) is not a write of the refused request.
    Map<String, String> tenantBackground = Map.of("job", "x.kind LIKE 'finance.feed-sync%'", "finance_sync", "true");
    return "SELECT concat_ws(' ', " + tables.stream().map(t -> {
      String count = background.contains(t) ? "'" + t + "'" : "'" + t + "=' || (SELECT count(*) FROM " + t + ")";
      if (!tenantTables.contains(t) || t.equals("api_token")) {
        return count;
      }
      String ownBackground = tenantBackground.containsKey(t) ? " AND NOT (" + tenantBackground.get(t) + ")" : "";
      return count + " || '/' || (SELECT coalesce(sum(hashtext(x::text)), 0) FROM " + t
          + " x WHERE organization_id = '" + tenant.organizationId() + "'" + ownBackground + ")";
    }).collect(Collectors.joining(", ")) + ")";
  }

  /**
   * The snapshot of {@link #snapshotSql()}, read again only if a transaction has ended since the last one was read.
   * PostgreSQL's transaction snapshot ({@code pg_current_snapshot()}: the oldest transaction still running, the
   * first not yet ended, and those in between still running) changes whenever any transaction commits, which is
   * the only way the rows any statement sees can change; so while it reads the same as when the last snapshot was
   * read (in the same statement, so under the same transaction snapshot), the tables hold the same rows, and a
   * try costs one cheap statement before and after its request instead of a count of every table each time.
   */
  private String snapshot() {
    String transactions = jdbc.sql("SELECT pg_current_snapshot()::text").query(String.class).single();
    if (!transactions.equals(lastTransactions)) {
      jdbc.sql("SELECT pg_current_snapshot()::text, (" + snapshotSql + ")").query((rs, n) -> {
        lastTransactions = rs.getString(1);
        lastRows = rs.getString(2);
        return null;
      }).list();
    }
    return lastRows;
  }
}
