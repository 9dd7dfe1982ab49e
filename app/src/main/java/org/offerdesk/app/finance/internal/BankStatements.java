package org.offerdesk.app.finance.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bank statements uploaded by finance: read with the organization's column mapping, kept with their
 * deposits, and matched to the marketplace's payouts ({@link DepositMatcher}) in the same transaction, so a
 * statement is either wholly stored and matched or not at all. A line already uploaded in an earlier
 * statement (same date, amount, currency and reference, as often) is counted and not stored twice; every
 * deposit of the statement's dates still unmatched, from this statement or an earlier one, is matched again,
 * so uploading a statement again after the payouts were read matches what could not be matched before.
 */
@Service
class BankStatements {

  /** A statement with its deposits, as the page and the API show it. */
  record Uploaded(BankStatementStore.Statement statement, List<BankStatementStore.StoredDeposit> deposits,
      boolean payoutsKnown, int matchedOnUpload) {}

  private final BankStatementStore store;
  private final ObjectProvider<PayoutsAwaitingDeposit> payouts;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Clock clock;

  BankStatements(BankStatementStore store, ObjectProvider<PayoutsAwaitingDeposit> payouts, AuditLog audit,
      TransactionTemplate tx, Clock clock) {
    this.store = store;
    this.payouts = payouts;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
  }

  /** The organization's mapping, or the default until it saves one. */
  StatementColumns columns(UUID organizationId) {
    return store.columns(organizationId).orElse(StatementColumns.DEFAULT);
  }

  void saveColumns(Caller caller, StatementColumns columns) {
    tx.executeWithoutResult(status -> {
      store.saveColumns(caller.organizationId(), columns, clock.instant(), caller.describe());
      audit.record(caller, "finance.bank-columns.saved", "bank statement columns", columns.toString());
    });
  }

  Uploaded upload(Caller caller, String fileName, String csv) {
    return upload(caller, fileName, csv, payouts.getIfAvailable());
  }

  /** Reads, stores and matches a statement against {@code source} (null: no payouts known yet). */
  Uploaded upload(Caller caller, String fileName, String csv, PayoutsAwaitingDeposit source) {
    UUID organizationId = caller.organizationId();
    BankStatementCsv.Read read = BankStatementCsv.read(csv, columns(organizationId));
    int[] matched = new int[1];
    UUID id = tx.execute(status -> {
      Instant now = clock.instant();
      List<DepositMatcher.Deposit> deposits = new ArrayList<>();
      Map<String, Integer> seenInFile = new HashMap<>();
      int repeated = 0;
      UUID statementId = UUID.randomUUID();
      List<Runnable> inserts = new ArrayList<>();
      for (BankStatementCsv.Line line : read.deposits()) {
        String key = line.bookedOn() + "|" + line.amount() + "|" + line.reference();
        int inFile = seenInFile.merge(key, 1, Integer::sum);
        if (inFile <= store.sameDeposits(organizationId, line.bookedOn(), line.amount(), line.reference())) {
          repeated++;
          continue;
        }
        DepositMatcher.Deposit d = new DepositMatcher.Deposit(UUID.randomUUID(), line.bookedOn(), line.amount(),
            line.reference());
        deposits.add(d);
        inserts.add(() -> store.insertDeposit(organizationId, statementId, d, line.row()));
      }
      store.insert(organizationId, new BankStatementStore.Statement(statementId, clean(fileName), read.rows(),
          read.ignored(), repeated, now, caller.describe()));
      inserts.forEach(Runnable::run);
      matched[0] = source == null || read.deposits().isEmpty() ? 0 : match(organizationId,
          read.deposits().stream().map(BankStatementCsv.Line::bookedOn).min(Comparator.naturalOrder()).orElseThrow(),
          read.deposits().stream().map(BankStatementCsv.Line::bookedOn).max(Comparator.naturalOrder()).orElseThrow(),
          source, now);
      audit.record(caller, "finance.bank-statement.uploaded", "bank statement " + statementId,
          read.rows() + " rows, " + deposits.size() + " new deposits, " + matched[0] + " matched to payouts");
      return statementId;
    });
    return statement(organizationId, id, source != null, matched[0]);
  }

  /**
   * Matches every deposit still unmatched to the payouts awaiting one: after a feed sync brought payouts that
   * deposits uploaded earlier were waiting for. Answers how many matched.
   */
  int rematch(UUID organizationId) {
    PayoutsAwaitingDeposit source = payouts.getIfAvailable();
    if (source == null) {
      return 0;
    }
    Integer matched = tx.execute(status -> store.unmatchedSpan(organizationId)
        .map(span -> match(organizationId, span.get(0), span.get(1), source, clock.instant())).orElse(0));
    return matched == null ? 0 : matched;
  }

  /** Matches the unmatched deposits booked from {@code first} to {@code last} to the payouts awaiting one. */
  private int match(UUID organizationId, LocalDate first, LocalDate last, PayoutsAwaitingDeposit source,
      Instant now) {
    List<DepositMatcher.Deposit> deposits = store.unmatched(organizationId, first, last);
    List<DepositMatcher.Payout> candidates = source.awaitingDeposit(organizationId,
        first.minusDays(DepositMatcher.WINDOW_DAYS), last);
    Set<String> taken = store.matchedPayouts(organizationId, candidates.stream().map(DepositMatcher.Payout::payoutId).toList());
    DepositMatcher.Result result = DepositMatcher.match(deposits,
        candidates.stream().filter(p -> !taken.contains(p.payoutId())).toList());
    store.clearCandidates(organizationId, deposits.stream().map(DepositMatcher.Deposit::id).toList());
    int matched = 0;
    for (DepositMatcher.Match m : result.matches()) {
      if (store.match(organizationId, m, now)) {
        source.markBankMatched(organizationId, m.payoutId());
        matched++;
      }
    }
    result.ambiguous().forEach(a -> store.candidates(organizationId, a.depositId(), a.candidatePayoutIds()));
    return matched;
  }

  Uploaded statement(UUID organizationId, UUID id) {
    return statement(organizationId, id, payouts.getIfAvailable() != null, 0);
  }

  private Uploaded statement(UUID organizationId, UUID id, boolean payoutsKnown, int matchedOnUpload) {
    BankStatementStore.Statement s = store.statement(organizationId, id)
        .orElseThrow(() -> new NotFound("Bank statement " + id));
    return new Uploaded(s, store.deposits(organizationId, id), payoutsKnown, matchedOnUpload);
  }

  List<BankStatementStore.Statement> recent(UUID organizationId) {
    return store.recent(organizationId, 20);
  }

  private static String clean(String fileName) {
    if (fileName == null || fileName.isBlank()) {
      return null;
    }
    String name = fileName.replaceAll("[\\p{Cntrl}]", "").strip();
    return name.length() > 200 ? name.substring(0, 200) : name;
  }
}
