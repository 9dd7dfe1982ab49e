package org.offerdesk.sandbox.agreements;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.offerdesk.sandbox.clock.ClockAdvanced;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends agreements whose end time has come: at once when the clock is moved, and otherwise every
 * {@code offerdesk.sandbox.due-work.interval} as real time passes. Each ending and its events are one
 * transaction.
 */
@Component
public class AgreementLifecycle {

  private final Agreements agreements;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate tx;
  private final Clock clock;

  AgreementLifecycle(Agreements agreements, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
    this.agreements = agreements;
    this.events = events;
    this.tx = tx;
    this.clock = clock;
  }

  @EventListener
  void onClockAdvanced(ClockAdvanced advanced) {
    endDue(advanced.now());
  }

  /**
   * Ends an active agreement early: CANCELLED (by the buyer) or TERMINATED (by AWS), with its events.
   * Answers the ended agreement, or empty if there is no such agreement; refuses one already ended.
   */
  public java.util.Optional<Agreement> endEarly(String agreementId, AgreementStatus how) {
    if (how != AgreementStatus.CANCELLED && how != AgreementStatus.TERMINATED) {
      throw new IllegalArgumentException("An agreement is ended early as CANCELLED or TERMINATED, not " + how);
    }
    return tx.execute(status -> agreements.findForUpdate(agreementId).map(a -> {
      if (!a.isActive()) {
        throw new IllegalStateException("Agreement " + agreementId + " is already " + a.status());
      }
      Agreement ended = a.withStatus(how);
      Instant now = clock.instant();
      agreements.updateStatus(ended, now);
      events.publishEvent(new AgreementEvent.Ended(ended, now));
      return ended;
    }));
  }

  /** Ends every active agreement whose end time is at or before {@code now}; answers how many. */
  public synchronized int endDue(Instant now) {
    int ended = 0;
    while (true) {
      Integer batch = tx.execute(status -> {
        List<Agreement> due = agreements.dueToEnd(now, 50);
        for (Agreement a : due) {
          Agreement expired = a.withStatus(AgreementStatus.EXPIRED);
          agreements.updateStatus(expired, a.endTime());
          events.publishEvent(new AgreementEvent.Ended(expired, a.endTime()));
        }
        return due.size();
      });
      ended += batch == null ? 0 : batch;
      if (batch == null || batch < 50) {
        return ended;
      }
    }
  }
}
