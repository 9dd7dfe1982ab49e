package org.offerdesk.app.demo.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A year (or {@link Size#days()}) of the demo seller's business, month by month: each month new deals are
 * offered and most accepted, earlier ones are provisioned, amended or cancelled, and the marketplace's clock
 * moves on a month, so offers expire, agreements end and money is invoiced, collected and paid out. At the end,
 * in the present: renewals of agreements about to end, the offers still open (drafts, sent, about to expire, one
 * the marketplace refused, one withdrawn), and the seller's books read and matched to a bank statement.
 *
 * <p>When the marketplace's clock is behind real time (a fresh demo starts a year back) the story spans that gap
 * and ends at the present; otherwise it spans {@code days} from the clock's now, which moves it that far ahead.
 */
final class DemoStory {

  /** How big the story is: how many deals, over how many days when the clock is not behind. */
  record Size(int deals, int days) {}

  /** Told at each step of the story, to show progress. */
  interface Progress {
    void at(int done, int total, String step);
  }

  /**
   * What the story made, for the dashboard to show: offers per stage (all created in {@code from}..{@code to}),
   * bookings per kind (all accepted then), every order, and the payout left without a bank deposit.
   */
  record Summary(LocalDate from, LocalDate to, Map<String, Integer> offerStages, Map<String, Integer> bookings,
      List<String> orderIds, String unmatchedPayoutId) {}

  private final StoryMoves moves;
  private final Size size;
  private final Progress progress;
  private final Map<String, Integer> stages = new TreeMap<>();
  private final Map<String, Integer> bookings = new TreeMap<>();
  private final List<String> orders = new ArrayList<>();
  private final Set<Deal> followedUp = new HashSet<>();

  DemoStory(StoryMoves moves, Size size, Progress progress) {
    this.moves = moves;
    this.size = size;
    this.progress = progress;
  }

  Summary tell() {
    LocalDate from = moves.today();
    Duration behind = moves.offset().negated();
    boolean late = !behind.isNegative() && !behind.isZero();
    long span = late ? Math.max(size.days(), behind.toDays()) : size.days();
    int chapters = (int) Math.max(3, span / 30);
    Duration month = Duration.ofDays(span / chapters);
    LocalDate end = from.plusDays(span);
    List<Deal> deals = plan(size.deals(), chapters);
    int steps = chapters + 3;
    String productId = moves.productId();
    StoryChannel channel = new StoryChannel(moves);
    if (deals.stream().anyMatch(d -> d.fate == Fate.PARTNER)) {
      channel.authorize(productId);
    }
    for (int c = 0; c < chapters; c++) {
      progress.at(c, steps, "month " + (c + 1) + " of " + chapters);
      followUp(deals, c);
      int chapter = c;
      offerAndAccept(deals.stream().filter(d -> d.chapter == chapter).toList(), productId, end, channel);
      moves.advance(month);
    }
    progress.at(chapters, steps, "renewals");
    Duration stillBehind = moves.offset().negated();
    if (late) {
      moves.advance(stillBehind);
    }
    followUp(deals, Integer.MAX_VALUE);
    deals.stream().filter(d -> d.fate == Fate.RENEWED).forEach(this::renewal);
    progress.at(chapters + 1, steps, "open offers");
    openOffers(deals.stream().filter(d -> d.fate.when == Fate.When.LATE).toList(), productId);
    progress.at(chapters + 2, steps, "finance");
    String unmatched = channel.reconcile();
    return new Summary(from, moves.today(), Map.copyOf(stages), Map.copyOf(bookings), List.copyOf(orders), unmatched);
  }

  /** Each fate in turn; deals that get followed up start in the first months, open ones wait for the end. */
  static List<Deal> plan(int count, int chapters) {
    Fate[] fates = Fate.values();
    long running = java.util.stream.IntStream.range(0, count).filter(i -> fates[i % fates.length].when != Fate.When.LATE)
        .count();
    List<Deal> deals = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < count; i++) {
      Fate fate = fates[i % fates.length];
      if (fate.when == Fate.When.LATE) {
        deals.add(new Deal(i, fate, -1));
        continue;
      }
      int chapter = (int) (k++ * chapters / Math.max(1, running));
      deals.add(new Deal(i, fate, fate.when == Fate.When.EARLY ? Math.min(chapter, chapters - 2) : chapter));
    }
    return deals;
  }

  private void offerAndAccept(List<Deal> deals, String productId, LocalDate end, StoryChannel channel) {
    LocalDate today = moves.today();
    for (Deal d : deals) {
      moves.openBuyer(d, d.index % 6 == 5);
    }
    List<Deal> direct = deals.stream().filter(d -> d.fate != Fate.PARTNER).toList();
    for (Deal d : direct) {
      moves.draft(d, productId, months(d.fate, today, end), today.plusDays(d.fate == Fate.EXPIRED ? 3 : 30));
      moves.publish(moves.seller(), d.offerId);
    }
    for (Deal d : direct) {
      d.marketplaceOfferId = moves.awaitStage(moves.seller(), d.offerId, "SENT").at("/marketplaceOfferId").asText();
      count(stages, d.fate.offerStage);
      if (d.fate.accepted()) {
        moves.accept(d, d.marketplaceOfferId);
      }
    }
    for (Deal d : direct) {
      if (d.fate.accepted()) {
        d.orderId = moves.awaitOrder(d.agreementId);
        booked(d.orderId, "NEW");
      }
    }
    for (Deal d : deals) {
      if (d.fate == Fate.PARTNER) {
        channel.sell(d, today);
        count(stages, "ACCEPTED");
        booked(d.orderId, "PARTNER");
      }
    }
  }

  /** The term of a deal: a month for one that ends within the year, to just past the end for renewals. */
  static int months(Fate fate, LocalDate today, LocalDate end) {
    int after = switch (fate) {
      case ENDED -> -1;
      case RENEWED -> 10;
      case RENEWAL_DUE -> 45;
      default -> 0;
    };
    if (after < 0) {
      return 1;
    }
    if (after == 0) {
      return 12;
    }
    int m = 1;
    while (today.plusMonths(m).isBefore(end.plusDays(after))) {
      m++;
    }
    return m;
  }

  /** What happens to deals of earlier months: provisioned, amended, or their agreement cancelled. */
  private void followUp(List<Deal> deals, int chapter) {
    for (Deal d : deals) {
      if (d.chapter < 0 || d.chapter >= chapter || d.orderId == null || !followedUp.add(d)) {
        continue;
      }
      switch (d.fate) {
        case PROVISIONED -> moves.provision(d.orderId);
        case AGREEMENT_CANCELLED -> {
          moves.cancelAgreement(d);
          moves.awaitOrderStatus(d.orderId, "CANCELLED");
        }
        case AMENDED -> {
          String amendment = moves.amend(d);
          moves.publish(moves.seller(), amendment);
          Deal next = new Deal(d.index, d.fate, chapter);
          next.buyer = d.buyer;
          moves.accept(next, moves.awaitStage(moves.seller(), amendment, "SENT").at("/marketplaceOfferId").asText());
          booked(moves.awaitOrder(next.agreementId), "AMENDMENT");
          count(stages, "REGISTERED");
        }
        default -> { }
      }
    }
  }

  private void renewal(Deal d) {
    String offerId = moves.renew(d);
    moves.publish(moves.seller(), offerId);
    Deal next = new Deal(d.index, d.fate, Integer.MAX_VALUE);
    next.buyer = d.buyer;
    moves.accept(next, moves.awaitStage(moves.seller(), offerId, "SENT").at("/marketplaceOfferId").asText());
    booked(moves.awaitOrder(next.agreementId), "RENEWAL");
    count(stages, "ACCEPTED");
  }

  /** The offers still open in the present: drafts, sent (some about to expire), refused and withdrawn. */
  private void openOffers(List<Deal> deals, String productId) {
    LocalDate today = moves.today();
    // The refused one first and alone: the marketplace fails the next change set it receives.
    List<Deal> ordered = new ArrayList<>(deals);
    ordered.sort(java.util.Comparator.comparing(d -> d.fate != Fate.PUBLISH_FAILED));
    Deal waiting = ordered.stream().filter(d -> d.fate == Fate.DRAFT).findFirst().orElse(null);
    for (Deal d : ordered) {
      moves.openBuyer(d, false);
      moves.draft(d, productId, d == waiting ? 36 : 12, today.plusDays(d.fate == Fate.EXPIRING ? 3 : 25));
      count(stages, d.fate.offerStage);
      switch (d.fate) {
        case PUBLISH_FAILED -> {
          moves.failNextChangeSet();
          moves.publish(moves.seller(), d.offerId);
          moves.awaitStage(moves.seller(), d.offerId, "PUBLISH_FAILED");
        }
        case WITHDRAWN -> {
          moves.publish(moves.seller(), d.offerId);
          moves.awaitStage(moves.seller(), d.offerId, "SENT");
          moves.withdraw(d.offerId);
          moves.awaitStage(moves.seller(), d.offerId, "CANCELLED");
        }
        case SENT, EXPIRING -> moves.publish(moves.seller(), d.offerId);
        default -> { }
      }
    }
    deals.stream().filter(d -> d.fate == Fate.SENT || d.fate == Fate.EXPIRING)
        .forEach(d -> moves.awaitStage(moves.seller(), d.offerId, "SENT"));
    if (waiting != null) {
      moves.awaitApproval(waiting);
    }
  }

  private void booked(String orderId, String kind) {
    orders.add(orderId);
    count(bookings, kind);
  }

  private static void count(Map<String, Integer> tally, String key) {
    tally.merge(key, 1, Integer::sum);
  }
}
