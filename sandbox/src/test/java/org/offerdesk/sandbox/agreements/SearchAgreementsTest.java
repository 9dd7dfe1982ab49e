package org.offerdesk.sandbox.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.RecordedStatements;
import org.offerdesk.sandbox.SandboxFixture;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SearchAgreements filters, orders and pages in SQL: its pages are those the sandbox made when it read all of the
 * seller's agreements and filtered them in Java (written out here as the reference), and a search by offer reads
 * that offer's agreements alone, not the seller's.
 */
class SearchAgreementsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  /** Ahead of the sandbox's clock, so that none of these agreements reaches its end (and its status moves) meanwhile. */
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(400, ChronoUnit.DAYS);
  static final String[] STATUSES = {"ACTIVE", "EXPIRED", "REPLACED", "CANCELLED", "TERMINATED", "ARCHIVED"};

  static ApplicationContext sandbox;
  static Agreements agreements;
  static AgreementApi api;
  static Account seller;
  static final List<Agreement> sellers = new ArrayList<>();

  @BeforeAll
  static void agreementsOfOneSeller() {
    sandbox = SandboxFixture.server().context();
    agreements = sandbox.getBean(Agreements.class);
    api = sandbox.getBean(AgreementApi.class);
    seller = account(SandboxFixture.openAccount("Search ISV", "SELLER").accountId());
    Random random = new Random(18);
    for (int i = 0; i < 150; i++) {
      // mixed-case IDs: the order by ID must be Java's (code units), not the database's collation
      String id = "agmt-" + (random.nextBoolean() ? "A" : "a") + (random.nextBoolean() ? "b" : "B") + "s" + seller.id().value()
          + String.format("%05d", random.nextInt(100_000)) + i;
      Instant end = random.nextInt(8) == 0 ? null : T0.plus(random.nextInt(12), ChronoUnit.DAYS)
          .plusNanos(random.nextInt(3) * 1_000L); // many ties on the end time, some a microsecond apart
      Agreement a = agreement(id, "offer-s" + random.nextInt(6), "prod-s" + random.nextInt(3),
          seller.id().value(), String.format("1000000000%02d", random.nextInt(4)),
          AgreementStatus.values()[random.nextInt(AgreementStatus.values().length)], end,
          random.nextInt(3) == 0 ? "offerset-" + random.nextInt(2) : null);
      agreements.insert(a);
      sellers.add(a);
    }
  }

  @Test
  void pagesAreTheOnesTheJavaFilterMade() throws Exception {
    Random random = new Random(186);
    int searches = 0;
    for (int round = 0; round < 300; round++) {
      ArrayNode filters = JSON.createArrayNode();
      filters.addObject().put("name", "PartyType").putArray("values").add("Proposer");
      filters.addObject().put("name", "AgreementType").putArray("values")
          .add(random.nextInt(20) == 0 ? "VendorInsightsAgreement" : "PurchaseAgreement");
      maybe(random, filters, "OfferId", "offer-s" + random.nextInt(7));
      maybe(random, filters, "ResourceId", "prod-s" + random.nextInt(4));
      maybe(random, filters, "ResourceIdentifier", "prod-s" + random.nextInt(4));
      maybe(random, filters, "ResourceType", random.nextBoolean() ? "SaaSProduct" : "AmiProduct");
      maybe(random, filters, "AcceptorAccountId", String.format("1000000000%02d", random.nextInt(5)));
      maybe(random, filters, "Status", STATUSES[random.nextInt(STATUSES.length)]);
      maybe(random, filters, "OfferSetId", "offerset-" + random.nextInt(3));
      Instant at = T0.plus(random.nextInt(12), ChronoUnit.DAYS).plusNanos(random.nextInt(5) * 500L);
      maybe(random, filters, "BeforeEndTime", at.toString());
      maybe(random, filters, "AfterEndTime", random.nextBoolean() ? at.toString()
          : String.valueOf(at.getEpochSecond()));
      ObjectNode request = JSON.createObjectNode().put("catalog", "AWSMarketplace");
      request.set("filters", filters);
      if (random.nextBoolean()) {
        request.putObject("sort").put("sortBy", "EndTime").put("sortOrder", random.nextBoolean() ? "ASCENDING" : "DESCENDING");
      }
      Integer max = random.nextInt(4) == 0 ? null : 1 + random.nextInt(random.nextBoolean() ? 5 : 50);
      if (max != null) {
        request.put("maxResults", max);
      }
      String token = null;
      do {
        if (token != null) {
          request.put("nextToken", token);
        }
        JsonNode page = api.call("SearchAgreements", request, seller, "/");
        JsonNode expected = reference(request);
        assertThat(ids(page)).as("page of %s", request).isEqualTo(ids(expected));
        assertThat(page.path("nextToken").asText(null)).as("next token of %s", request)
            .isEqualTo(expected.path("nextToken").asText(null));
        token = page.path("nextToken").asText(null);
        searches++;
      } while (token != null);
    }
    assertThat(searches).isGreaterThan(300);
  }

  /** The agreement sweep's search (the seller's agreements of one offer) reads that offer's rows alone. */
  @Test
  void aSearchByOfferReadsOnlyThatOffersAgreements() {
    Account big = account(SandboxFixture.openAccount("Many agreements ISV", "SELLER").accountId());
    for (int i = 0; i < 3_000; i++) {
      agreements.insert(agreement("agmt-big" + big.id().value() + i, "offer-big" + (i % 40), "prod-big",
          big.id().value(), "100000000099", AgreementStatus.ACTIVE, T0.plus(i, ChronoUnit.HOURS), null));
    }
    JdbcTemplate jdbc = sandbox.getBean(JdbcTemplate.class);
    jdbc.execute("ANALYZE agreement");
    List<String> statements = new CopyOnWriteArrayList<>();
    Agreements recorded = new Agreements(new JdbcTemplate(RecordedStatements.recording(
        sandbox.getBean(DataSource.class), statements)));
    List<Agreements.Condition> sweep = List.of(Agreements.Condition.ALL, Agreements.Condition.ALL,
        Agreements.Condition.of("offer_id = ?", "offer-big7"));
    assertThat(recorded.proposedBy(big.id().value(), sweep, false, 0, 51)).hasSize(51);
    assertThat(statements).hasSize(1);

    JsonNode plan = json(jdbc.queryForObject("EXPLAIN (ANALYZE, FORMAT JSON) " + statements.get(0), String.class,
        big.id().value(), "offer-big7", 1_000, 0)).get(0).get("Plan");
    List<JsonNode> nodes = new ArrayList<>();
    collect(plan, nodes);
    JsonNode scan = nodes.stream().filter(n -> "agreement".equals(n.path("Relation Name").asText(null))).findFirst()
        .orElseThrow();
    assertThat(scan.path("Actual Rows").asInt()).as("rows of agreement read: %s", plan).isEqualTo(75);
    assertThat(nodes).as("rows read and thrown away: %s", plan)
        .allSatisfy(n -> {
          assertThat(n.path("Rows Removed by Filter").asInt(0)).isZero();
          assertThat(n.path("Rows Removed by Index Recheck").asInt(0)).isZero();
        });
  }

  private static void collect(JsonNode plan, List<JsonNode> into) {
    into.add(plan);
    plan.path("Plans").forEach(p -> collect(p, into));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void maybe(Random random, ArrayNode filters, String name, String value) {
    if (random.nextInt(4) == 0) {
      filters.addObject().put("name", name).putArray("values").add(value);
    }
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("agreementViewSummaries").forEach(s -> ids.add(s.path("agreementId").asText()));
    return ids;
  }

  /** SearchAgreements as the sandbox answered it before: the seller's agreements read, filtered and sorted in Java. */
  private static JsonNode reference(JsonNode in) {
    Predicate<Agreement> match = a -> true;
    for (JsonNode f : in.path("filters")) {
      String value = f.path("values").get(0).asText();
      match = match.and(switch (f.path("name").asText()) {
        case "PartyType" -> a -> true;
        case "AgreementType" -> a -> value.equals("PurchaseAgreement");
        case "ResourceType" -> a -> value.equals("SaaSProduct");
        case "ResourceId", "ResourceIdentifier" -> a -> value.equals(a.productId());
        case "AcceptorAccountId" -> a -> value.equals(a.acceptorAccountId());
        case "OfferId" -> a -> value.equals(a.offerId());
        case "OfferSetId" -> a -> value.equals(a.offerSetId());
        case "Status" -> a -> a.status().name().equals(value);
        case "BeforeEndTime" -> a -> a.endTime() != null && a.endTime().isBefore(instant(value));
        case "AfterEndTime" -> a -> a.endTime() == null || a.endTime().isAfter(instant(value));
        default -> throw new IllegalArgumentException(f.toString());
      });
    }
    String order = in.path("sort").path("sortOrder").asText("DESCENDING");
    int max = in.path("maxResults").asInt(50);
    int offset = in.hasNonNull("nextToken") ? Integer.parseInt(in.get("nextToken").asText()) : 0;
    Comparator<Agreement> byEnd = Comparator.comparing(Agreement::endTime, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Agreement::agreementId);
    List<Agreement> found = sellers.stream().filter(match)
        .sorted(order.equals("ASCENDING") ? byEnd : byEnd.reversed()).toList();
    ObjectNode out = JSON.createObjectNode();
    ArrayNode summaries = out.putArray("agreementViewSummaries");
    found.stream().skip(offset).limit(max).forEach(a -> summaries.addObject().put("agreementId", a.agreementId()));
    if (offset + max < found.size()) {
      out.put("nextToken", String.valueOf(offset + max));
    }
    return out;
  }

  private static Instant instant(String value) {
    return value.matches("^\\d+$") ? Instant.ofEpochSecond(Long.parseLong(value)) : Instant.parse(value);
  }

  private static Account account(String accountId) {
    return sandbox.getBean(Accounts.class).find(accountId).orElseThrow();
  }

  private static Agreement agreement(String id, String offerId, String productId, String proposer, String acceptor,
      AgreementStatus status, Instant end, String offerSetId) {
    return new Agreement(id, offerId, productId, proposer, acceptor, status, T0.minus(30, ChronoUnit.DAYS),
        T0.minus(30, ChronoUnit.DAYS), end, "NEW", null, null, null, offerSetId, false, JSON.createArrayNode(),
        List.of(), null, null);
  }
}
