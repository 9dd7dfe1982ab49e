package org.offerdesk.sandbox.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import org.offerdesk.sandbox.clock.ClockAdvanced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the money work that fell due, in the order it fell due and each piece once: when the clock is moved
 * (before the seller data feeds are delivered, so they carry what this writes) and as real time passes.
 * Each piece runs in its own transaction with the rows it writes dated when it fell due, not when it ran.
 */
@Component
class BillingCycle {

  private static final Logger log = LoggerFactory.getLogger(BillingCycle.class);

  private final DueWork work;
  private final Invoicing invoicing;
  private final MonthlyBill monthlyBill;
  private final Collections collections;
  private final Disbursements disbursements;
  private final BillingAdjustments adjustments;
  private final TransactionTemplate tx;
  /**
   * The month whose bill this process has planned: planning is idempotent (the work's key), so it needs to be done
   * once a month, not in a transaction of its own at every tick of real time.
   */
  private YearMonth planned;

  BillingCycle(DueWork work, Invoicing invoicing, MonthlyBill monthlyBill, Collections collections,
      Disbursements disbursements, BillingAdjustments adjustments, TransactionTemplate tx) {
    this.work = work;
    this.invoicing = invoicing;
    this.monthlyBill = monthlyBill;
    this.collections = collections;
    this.disbursements = disbursements;
    this.adjustments = adjustments;
    this.tx = tx;
  }

  @EventListener
  @Order(Ordered.HIGHEST_PRECEDENCE + 100)
  void onClockAdvanced(ClockAdvanced advanced) {
    runDue(advanced.now());
  }

  /** Does every piece of work due by {@code now}; answers how many. */
  synchronized int runDue(Instant now) {
    YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
    if (!month.equals(planned)) {
      tx.executeWithoutResult(status -> monthlyBill.plan(now));
      planned = month;
    }
    int done = 0;
    while (true) {
      Optional<DueWork.Item> ran;
      try {
        ran = tx.execute(status -> {
          Optional<DueWork.Item> next = work.nextDue(now);
          next.ifPresent(item -> {
            run(item);
            work.done(item, item.dueAt());
          });
          return next;
        });
      } catch (RuntimeException e) {
        // left pending: retried on the next tick, and visible in the log meanwhile
        log.error("Billing work failed; it stays due and is retried", e);
        return done;
      }
      if (ran == null || ran.isEmpty()) {
        return done;
      }
      done++;
    }
  }

  private void run(DueWork.Item item) {
    switch (item.kind()) {
      case INSTALLMENT -> invoicing.installment(item.subject(), item.dueAt());
      case COLLECT -> collections.collect(item.subject(), item.dueAt());
      case DISBURSE -> disbursements.run(item.subject(), item.dueAt());
      case MONTHLY_BILL -> monthlyBill.issue(item.subject(), item.dueAt());
      case ADJUST -> adjustments.complete(item.subject(), item.dueAt());
    }
  }
}
