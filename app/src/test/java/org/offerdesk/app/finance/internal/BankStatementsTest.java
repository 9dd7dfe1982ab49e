package org.offerdesk.app.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Bank statements on real PostgreSQL and HTTP: the column mapping saved once, a statement uploaded through the
 * API and the page, refused row by row with nothing stored, matched to payouts, shown with its matches, and
 * invisible to another organization.
 *
 * <p>The first test drives the matching with {@link LedgerPayouts} to lay out every case of the matcher; the
 * second goes through the ledger's own payouts ({@code finance_payout}, read by {@code LedgerPayoutsAwaitingDeposit}).
 */
@OfferDeskTest
class BankStatementsTest {

  static final String STATEMENT = """
      Buchungstag;Verwendungszweck;Betrag
      02.03.2026;"AWS EMEA SARL; TRC 4711-0815-AB";"1.980,00"
      03.03.2026;Rent;-2.500,00
      04.03.2026;AWS MARKETPLACE;"72,65"
      04.03.2026;Customer transfer;"500,00"
      05.03.2026;AWS MARKETPLACE;"500,00"
      20.03.2026;Something else;"10,00"
      """;

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired BankStatements statements;

  /** Payouts as the ledger's payout store will answer them, and which it was told are bank-matched. */
  static final class LedgerPayouts implements PayoutsAwaitingDeposit {
    final List<DepositMatcher.Payout> payouts = new ArrayList<>();
    final Set<String> bankMatched = new LinkedHashSet<>();

    @Override
    public List<DepositMatcher.Payout> awaitingDeposit(UUID organizationId, LocalDate from, LocalDate to) {
      return payouts.stream().filter(p -> !p.paidOn().isBefore(from) && !p.paidOn().isAfter(to))
          .filter(p -> !bankMatched.contains(p.payoutId())).toList();
    }

    @Override
    public void markBankMatched(UUID organizationId, String payoutId) {
      bankMatched.add(payoutId);
    }
  }

  @Test
  void a_statement_is_read_with_the_mapped_columns_matched_to_payouts_and_shown() {
    TestTenants tenants = new TestTenants(context);
    TestTenants.Tenant seller = tenants.seller("Bank Co");
    Http api = new Http(port).bearer(seller.adminToken());

    // Until mapped: date, amount, reference with a header, in USD. The bank's own order is saved once.
    assertThat(api.get("/api/v1/finance/bank-statements/columns").json().at("/amountColumn").asInt()).isEqualTo(2);
    Http.Response badColumns = api.putJson("/api/v1/finance/bank-statements/columns",
        Map.of("dateColumn", 1, "amountColumn", 1, "referenceColumn", 2));
    assertThat(badColumns.status()).isEqualTo(400);
    assertThat(badColumns.json().at("/errors/0/field").asText()).isEqualTo("columns");
    Http.Response saved = api.putJson("/api/v1/finance/bank-statements/columns", Map.of("dateColumn", 1,
        "amountColumn", 3, "referenceColumn", 2, "headerRow", true, "dateOrder", "DAY_MONTH_YEAR", "currency", "USD"));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(api.get("/api/v1/finance/bank-statements/columns").json().at("/dateOrder").asText())
        .isEqualTo("DAY_MONTH_YEAR");

    // A statement with bad rows: each named, nothing stored.
    Http.Response bad = api.postRaw("/api/v1/finance/bank-statements", "text/csv",
        "Buchungstag;Verwendungszweck;Betrag\n02.03.2026;ok;1,00\n31.02.2026;x;1,00\n03.03.2026;y;zwei\n");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors").findValuesAsText("field")).containsExactly("rows[3].date", "rows[4].amount");
    assertThat(statements.recent(seller.organizationId())).isEmpty();

    // Matched against the ledger's payouts: by trace ID, by amount and date, and one left ambiguous.
    LedgerPayouts ledger = new LedgerPayouts();
    ledger.payouts.add(new DepositMatcher.Payout("disb-trace", LocalDate.of(2026, 2, 27), Money.of("1980.00", "USD"),
        "TRC4711-0815-ab"));
    ledger.payouts.add(new DepositMatcher.Payout("disb-small", LocalDate.of(2026, 3, 2), Money.of("72.65", "USD"), null));
    ledger.payouts.add(new DepositMatcher.Payout("disb-500", LocalDate.of(2026, 3, 1), Money.of("500.00", "USD"), null));
    ledger.payouts.add(new DepositMatcher.Payout("disb-late", LocalDate.of(2026, 3, 1), Money.of("10.00", "USD"), null));
    Caller finance = new Caller(seller.organizationId(), seller.name(), seller.kind(), Role.FINANCE, seller.adminId(),
        seller.adminEmail(), "Finance", null, null);
    UUID id = statements.upload(finance, "march.csv", STATEMENT, ledger).statement().id();
    assertThat(ledger.bankMatched).containsExactlyInAnyOrder("disb-trace", "disb-small");

    JsonNode shown = api.get("/api/v1/finance/bank-statements/" + id).json();
    assertThat(shown.at("/fileName").asText()).isEqualTo("march.csv");
    assertThat(shown.at("/rowsRead").asInt()).isEqualTo(6);
    assertThat(shown.at("/withdrawalsIgnored").asInt()).isEqualTo(1);
    assertThat(shown.at("/matched").asInt()).isEqualTo(2);
    assertThat(shown.at("/ambiguous").asInt()).isEqualTo(2);
    JsonNode deposits = shown.at("/deposits");
    assertThat(deposits.findValuesAsText("row")).containsExactly("2", "4", "5", "6", "7");
    assertThat(deposits.get(0).at("/amount").asText()).isEqualTo("1980.00");
    assertThat(deposits.get(0).at("/currency").asText()).isEqualTo("USD");
    assertThat(deposits.get(0).at("/reference").asText()).isEqualTo("AWS EMEA SARL; TRC 4711-0815-AB");
    assertThat(deposits.get(0).at("/payoutId").asText()).isEqualTo("disb-trace");
    assertThat(deposits.get(0).at("/matchedBy").asText()).isEqualTo("BANK_TRACE_ID");
    assertThat(deposits.get(1).at("/payoutId").asText()).isEqualTo("disb-small");
    assertThat(deposits.get(1).at("/matchedBy").asText()).isEqualTo("AMOUNT_AND_DATE");
    // two deposits of 500.00 within the window of one payout: neither is guessed
    assertThat(deposits.get(2).path("payoutId").asText(null)).isNull();
    assertThat(deposits.get(2).at("/candidatePayoutIds").toString()).isEqualTo("[\"disb-500\"]");
    assertThat(deposits.get(3).at("/candidatePayoutIds").toString()).isEqualTo("[\"disb-500\"]");
    // credited too long after its payday
    assertThat(deposits.get(4).path("payoutId").asText(null)).isNull();
    assertThat(deposits.get(4).at("/candidatePayoutIds").size()).isZero();

    // The same statement again through the API: its lines are known, nothing is stored or matched twice.
    Http.Response again = api.postRaw("/api/v1/finance/bank-statements?fileName=march-again.csv", "text/csv", STATEMENT);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().at("/alreadyUploaded").asInt()).isEqualTo(5);
    assertThat(again.json().at("/deposits").size()).isZero();
    // through the API the ledger's payouts are the source (this organization has none in finance_payout)
    assertThat(again.json().at("/payoutsKnown").asBoolean()).isTrue();
    assertThat(api.get(again.header("Location").replaceFirst("^https?://[^/]+", "")).status()).isEqualTo(200);

    // A payout read later: uploading the statement again matches the earlier deposit it was waiting for.
    ledger.payouts.add(new DepositMatcher.Payout("disb-later", LocalDate.of(2026, 3, 18), Money.of("10.00", "USD"), null));
    assertThat(statements.upload(finance, "march.csv", STATEMENT, ledger).matchedOnUpload()).isEqualTo(1);
    assertThat(ledger.bankMatched).containsExactlyInAnyOrder("disb-trace", "disb-small", "disb-later");
    JsonNode rematched = api.get("/api/v1/finance/bank-statements/" + id).json();
    assertThat(rematched.at("/deposits/4/payoutId").asText()).isEqualTo("disb-later");
    assertThat(rematched.at("/deposits/2/candidatePayoutIds").toString()).isEqualTo("[\"disb-500\"]");
    assertThat(rematched.at("/matched").asInt()).isEqualTo(3);

    // The page shows the matches; the upload form reads a file; another organization sees nothing.
    Http console = new Http(port);
    assertThat(console.signIn(seller.adminEmail(), seller.adminPassword()).status()).isEqualTo(302);
    String page = console.get("/finance/bank-statements/" + id).body();
    assertThat(page).contains("disb-trace").contains("by bank trace ID").contains("by amount and date")
        .contains("Ambiguous: could be").contains("1,980.00 USD");
    String csrf = console.csrfFrom("/finance/bank-statements");
    Http.Response uploaded = console.raw("POST", "/finance/bank-statements", "multipart/form-data; boundary=XYZ",
        multipart(csrf, "april.csv", "Buchungstag;Verwendungszweck;Betrag\n01.04.2026;AWS;\"42,00\"\n"));
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(302);
    assertThat(uploaded.header("Location")).doesNotContain("/finance/bank-statements/" + id);
    String result = console.get(uploaded.header("Location").replaceFirst("^https?://[^/]+", "")).body();
    assertThat(result).contains("april.csv").contains("42.00 USD").contains("no payout");
    Http.Response refused = console.raw("POST", "/finance/bank-statements", "multipart/form-data; boundary=XYZ",
        multipart(csrf, "broken.csv", "Buchungstag;Verwendungszweck;Betrag\n99.04.2026;AWS;\"42,00\"\n"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("row 2: date &#39;99.04.2026&#39; is not a date");
    assertThat(statements.recent(seller.organizationId())).hasSize(4);

    TestTenants.Tenant other = tenants.seller("Other Bank Co");
    Http snoop = new Http(port).bearer(other.adminToken());
    assertThat(snoop.get("/api/v1/finance/bank-statements/" + id).status()).isEqualTo(404);
    assertThat(snoop.get("/api/v1/finance/bank-statements/columns").json().at("/dateOrder").asText())
        .isEqualTo("YEAR_MONTH_DAY");
    Http sales = new Http(port).bearer(tenants.token(seller, Role.SALES));
    assertThat(sales.postRaw("/api/v1/finance/bank-statements", "text/csv", STATEMENT).status()).isEqualTo(403);
  }

  private static String multipart(String csrf, String fileName, String csv) {
    return "--XYZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
        + "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--XYZ--\r\n";
  }

  @Test
  void a_deposit_matches_the_ledgers_payout_by_its_trace_id_and_the_payout_shows_bank_matched() {
    TestTenants.Tenant seller = new TestTenants(context).seller("Ledger Bank Co");
    Http api = new Http(port).bearer(seller.adminToken());
    // A payout as the ledger writes it from the feed: money leaving the marketplace, so negative.
    context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("""
        INSERT INTO finance_payout (organization_id, payout_id, paid_on, currency, amount, lines_total, line_count,
          unlinked_lines, bank_trace_id, reference, status, updated_at)
        VALUES (?, 'disb-ledger-1', DATE '2026-03-02', 'USD', -1980.00, 1980.00, 1, 0, 'TRC 4711-0815-AB', 'REF-1',
          'RECONCILED', now())""").param(seller.organizationId()).update();
    assertThat(api.get("/api/v1/finance/payouts/disb-ledger-1").json().at("/bankMatched").asBoolean()).isFalse();

    assertThat(api.putJson("/api/v1/finance/bank-statements/columns", Map.of("dateColumn", 1, "referenceColumn", 2,
        "amountColumn", 3, "headerRow", true, "dateOrder", "DAY_MONTH_YEAR", "currency", "USD")).status()).isEqualTo(200);
    Http.Response uploaded = api.postRaw("/api/v1/finance/bank-statements?fileName=ledger.csv", "text/csv", STATEMENT);
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    assertThat(uploaded.json().at("/payoutsKnown").asBoolean()).isTrue();

    JsonNode payout = api.get("/api/v1/finance/payouts/disb-ledger-1").json();
    assertThat(payout.at("/bankMatched").asBoolean()).isTrue();
    // another organization's statement never touches this payout
    assertThat(new Http(port).bearer(new TestTenants(context).seller("Other Bank Co").adminToken())
        .get("/api/v1/finance/payouts/disb-ledger-1").status()).isEqualTo(404);
  }
}
