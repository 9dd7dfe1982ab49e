package org.offerdesk.app.finance.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.app.money.Money;

/**
 * Matches bank deposits to marketplace payouts, without a database or a clock: what it decides follows
 * from the two lists alone. First the payout's bank trace ID found in a deposit's reference (same
 * currency); then, for what is left, the same amount and currency credited on the payout's date or up to
 * {@link #WINDOW_DAYS} days after it. A payout is matched to one deposit at most, and a deposit to one
 * payout. When more than one pairing is possible nothing is guessed: the deposit is left unmatched and
 * listed as ambiguous with its candidates.
 */
public final class DepositMatcher {

  /** Days a bank may take to credit a payout. */
  static final int WINDOW_DAYS = 5;

  /** Shorter "trace IDs" would be found in too many references by chance. */
  static final int MIN_TRACE_LENGTH = 6;

  /** A deposit on the bank statement: a credit to the seller's account. */
  record Deposit(UUID id, LocalDate bookedOn, Money amount, String reference) {}

  /** A payout the marketplace made, not yet matched to a deposit. */
  public record Payout(String payoutId, LocalDate paidOn, Money amount, String bankTraceId) {}

  /** How a deposit was matched. */
  enum Method { BANK_TRACE_ID, AMOUNT_AND_DATE }

  record Match(UUID depositId, String payoutId, Method method) {}

  /** A deposit that more than one payout (or a payout that more than one deposit) could be. */
  record Ambiguity(UUID depositId, List<String> candidatePayoutIds) {}

  record Result(List<Match> matches, List<Ambiguity> ambiguous) {}

  private DepositMatcher() {}

  static Result match(List<Deposit> deposits, List<Payout> payouts) {
    List<Deposit> byDate = deposits.stream()
        .sorted(Comparator.comparing(Deposit::bookedOn).thenComparing(d -> d.id().toString())).toList();
    List<Payout> byPayday = payouts.stream()
        .sorted(Comparator.comparing(Payout::paidOn).thenComparing(Payout::payoutId)).toList();
    List<Match> matches = new ArrayList<>();
    Set<UUID> matchedDeposits = new HashSet<>();
    Set<String> matchedPayouts = new HashSet<>();
    Map<UUID, Set<String>> ambiguous = new LinkedHashMap<>();

    for (Payout p : byPayday) {
      String trace = normalized(p.bankTraceId());
      if (trace.length() < MIN_TRACE_LENGTH) {
        continue;
      }
      List<Deposit> carrying = byDate.stream().filter(d -> !matchedDeposits.contains(d.id()))
          .filter(d -> sameCurrency(d, p) && normalized(d.reference()).contains(trace)).toList();
      if (carrying.size() == 1) {
        record(matches, matchedDeposits, matchedPayouts, carrying.get(0), p, Method.BANK_TRACE_ID);
      } else {
        carrying.forEach(d -> ambiguous.computeIfAbsent(d.id(), k -> new java.util.TreeSet<>()).add(p.payoutId()));
      }
    }

    List<Deposit> open = byDate.stream().filter(d -> !matchedDeposits.contains(d.id())
        && !ambiguous.containsKey(d.id())).toList();
    List<Payout> waiting = byPayday.stream().filter(p -> !matchedPayouts.contains(p.payoutId())).toList();
    for (Deposit d : open) {
      List<Payout> candidates = waiting.stream().filter(p -> fits(d, p)).toList();
      if (candidates.isEmpty()) {
        continue;
      }
      Payout only = candidates.get(0);
      boolean unique = candidates.size() == 1 && open.stream().filter(other -> fits(other, only)).count() == 1;
      if (unique) {
        record(matches, matchedDeposits, matchedPayouts, d, only, Method.AMOUNT_AND_DATE);
      } else {
        candidates.forEach(p -> ambiguous.computeIfAbsent(d.id(), k -> new java.util.TreeSet<>()).add(p.payoutId()));
      }
    }
    List<Ambiguity> left = ambiguous.entrySet().stream().filter(e -> !matchedDeposits.contains(e.getKey()))
        .map(e -> new Ambiguity(e.getKey(), List.copyOf(e.getValue()))).toList();
    return new Result(List.copyOf(matches), left);
  }

  /** Same amount and currency, credited on the payday or within the window after it. */
  static boolean fits(Deposit d, Payout p) {
    return sameCurrency(d, p) && d.amount().compareTo(p.amount()) == 0 && !d.bookedOn().isBefore(p.paidOn())
        && !d.bookedOn().isAfter(p.paidOn().plusDays(WINDOW_DAYS));
  }

  private static boolean sameCurrency(Deposit d, Payout p) {
    return d.amount().currency().equals(p.amount().currency());
  }

  private static void record(List<Match> matches, Set<UUID> deposits, Set<String> payouts, Deposit d, Payout p,
      Method method) {
    matches.add(new Match(d.id(), p.payoutId(), method));
    deposits.add(d.id());
    payouts.add(p.payoutId());
  }

  /** Banks cut, space and upper-case references: compare letters and digits only. */
  static String normalized(String text) {
    return text == null ? "" : text.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
  }
}
