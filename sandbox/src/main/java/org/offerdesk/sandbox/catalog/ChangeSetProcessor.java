package org.offerdesk.sandbox.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.agreements.Agreements;
import org.offerdesk.sandbox.clock.Alarm;
import org.offerdesk.sandbox.clock.ClockMoved;
import org.offerdesk.sandbox.faults.Faults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves change sets through their states in the background. Each step is one transaction on the change
 * set's row, and the next step's due time is stored with it, so a restarted sandbox simply carries on
 * with every change set still PREPARING or APPLYING.
 *
 * <p>One thread finds the due steps and hands them to {@code offerdesk.sandbox.change-set.workers} (4) stepping
 * threads, as AWS works on many change sets at once. With one thread stepping them all, 50 change sets started
 * together waited for each other's steps (two each, a transaction apiece), and on a busy machine that one thread
 * got one share of the processors among the callers' dozens: their half-second steps came late by the whole
 * queue's work, the more so the bigger the change sets (a publish with a release and its events).
 */
@Component
public class ChangeSetProcessor implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ChangeSetProcessor.class);
  private static final int BATCH = 50;
  static final String PREPARATION_FAILED = "Change set preparation has failed. For details see 'ErrorDetailList'.";

  private final ChangeSets changeSets;
  private final CatalogEntities entities;
  private final Accounts accounts;
  private final Agreements agreements;
  private final EntityIds ids;
  private final Tags tags;
  private final Arns arns;
  private final Faults faults;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final Duration halfDelay;
  private final Duration recheck;
  private final Alarm wakeups;
  private final AtomicBoolean running = new AtomicBoolean();
  private final int workers;
  /** The change sets handed to a stepping thread and not done yet: the finder does not hand them out again. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private Thread worker;
  private ExecutorService stepping;

  ChangeSetProcessor(ChangeSets changeSets, CatalogEntities entities, Accounts accounts, Agreements agreements, EntityIds ids,
      Tags tags, Arns arns, Faults faults, Clock clock, TransactionTemplate tx, ApplicationEventPublisher events,
      @Value("${offerdesk.sandbox.change-set.delay:1s}") Duration delay,
      @Value("${offerdesk.sandbox.change-set.recheck-interval:1s}") Duration recheck,
      @Value("${offerdesk.sandbox.change-set.workers:4}") int workers) {
    this.changeSets = changeSets;
    this.entities = entities;
    this.accounts = accounts;
    this.agreements = agreements;
    this.ids = ids;
    this.tags = tags;
    this.arns = arns;
    this.faults = faults;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
    this.halfDelay = delay.dividedBy(2);
    this.recheck = recheck;
    this.wakeups = changeSets.wakeups();
    this.workers = Math.max(1, workers);
  }

  /** A move of the clock may have made steps due: the worker looks at once. */
  @EventListener
  void onClockMoved(ClockMoved moved) {
    wakeups.signal();
  }

  @Override
  public void start() {
    // Resumes what a previous run left PREPARING or APPLYING, at the pace configured now.
    int resumed = changeSets.resumeNoLaterThan(clock.instant().plus(halfDelay));
    if (resumed > 0) {
      log.info("Resuming {} change set(s) left running by a previous start", resumed);
    }
    running.set(true);
    AtomicInteger n = new AtomicInteger();
    stepping = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "sandbox-change-set-step-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    worker = new Thread(this::run, "sandbox-change-sets");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void stop() {
    running.set(false);
    if (worker != null) {
      worker.interrupt();
      try {
        worker.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (stepping != null) {
      stepping.shutdown();
      try {
        stepping.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }

  /**
   * Hands what is due to the stepping threads (at most one step of a change set at a time, at most as many as there
   * are threads), then sleeps until a step is done, or until the next step is due by the sandbox clock (the soonest running change
   * set's {@code due_at}, converted to real time) or something wakes it: a change set started here, a move of the
   * clock, stop(). New faults need not wake it: their delays and failures apply from a change set's next step on
   * and never move a due time already stored. A change set another process started on the same database
   * (sandboxes may share one) no signal announces: the worker looks again every
   * {@code offerdesk.sandbox.change-set.recheck-interval} at the latest (1s, the default change-set delay: such a
   * change set starts at most that much later than it would have here, and an idle sandbox looks once a second).
   */
  private void run() {
    while (running.get()) {
      try {
        long seen = wakeups.seen();
        Instant now = clock.instant();
        Instant next = null;
        for (ChangeSets.Running cs : changeSets.soonest(BATCH + workers)) {
          if (!running.get()) {
            return;
          }
          if (inFlight.contains(cs.changeSetId())) {
            continue; // its step ends with a signal, and the look after it reads its next due time
          }
          if (cs.dueAt().isAfter(now)) {
            next = cs.dueAt();
            break;
          }
          if (inFlight.size() >= workers) {
            break; // every thread busy: the next step done signals
          }
          String id = cs.changeSetId();
          inFlight.add(id);
          stepping.execute(() -> {
            try {
              step(id);
            } finally {
              inFlight.remove(id);
              wakeups.signal();
            }
          });
        }
        wakeups.await(seen, next == null ? recheck.toMillis() : Alarm.millisUntil(next, clock, recheck.toMillis()));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running.get()) {
          return;
        }
        log.warn("Change-set worker step failed; retrying", e);
        try {
          Thread.sleep(recheck.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /**
   * Takes one change set one step further. A change set whose step throws is not retried forever: it
   * ends FAILED with SERVER_FAULT, as AWS reports its own faults, and the error is logged.
   */
  void step(String changeSetId) {
    try {
      advance(changeSetId);
    } catch (RuntimeException e) {
      log.error("Change set {} failed inside the sandbox", changeSetId, e);
      tx.executeWithoutResult(status -> changeSets.findForUpdate(changeSetId)
          .filter(cs -> !cs.status().isTerminal())
          .ifPresent(cs -> finish(cs, cs.changes(), ChangeSetStatus.FAILED, "SERVER_FAULT",
              "The sandbox could not process the change set: " + e.getMessage(), clock.instant())));
    }
  }

  private void advance(String changeSetId) {
    tx.executeWithoutResult(status -> {
      Instant now = clock.instant();
      ChangeSet current = changeSets.findDueForUpdate(changeSetId, now).orElse(null);
      if (current == null) {
        return; // ended, or its step was taken meanwhile and the next is not due yet
      }
      if (faults.takeForcedFailure()) {
        finish(current, current.changes(), ChangeSetStatus.FAILED, "SERVER_FAULT",
            "The change set failed because of a fault injected in the sandbox. Retry the request.", now);
        return;
      }
      Account caller = accounts.find(current.accountId()).orElseThrow();
      ChangeSetEvaluation.Outcome outcome = ChangeSetEvaluation.evaluate(
          current, new ChangeSetWork(caller, now, entities, accounts, agreements, ids));
      if (outcome.failed()) {
        finish(current, outcome.changes(), ChangeSetStatus.FAILED, "CLIENT_ERROR", PREPARATION_FAILED, now);
      } else if (current.status() == ChangeSetStatus.PREPARING && current.isApply()) {
        ChangeSet applying = with(current, ChangeSetStatus.APPLYING, current.changes(), null, null, null);
        changeSets.update(current, applying, now.plus(halfDelay).plus(faults.extraChangeSetDelay()));
      } else if (!current.isApply()) {
        finish(current, current.changes(), ChangeSetStatus.SUCCEEDED, null, null, now);
      } else {
        commit(current, outcome, now);
      }
    });
  }

  private void commit(ChangeSet current, ChangeSetEvaluation.Outcome outcome, Instant now) {
    for (CatalogEntity entity : outcome.changedEntities()) {
      entity.revision = entity.revision + 1;
      entity.lastModified = now;
    }
    entities.saveAll(outcome.changedEntities());
    for (CatalogEntity entity : outcome.changedEntities()) {
      if (entity instanceof Offer offer && offer.isReleased() && now.equals(offer.releaseDate())) {
        SaaSProduct product = entities.find(offer.productId(), SaaSProduct.class).orElseThrow();
        events.publishEvent(new CatalogEvent.OfferReleased(offer, product, arns.entity(offer), arns.entity(product), current.id()));
      }
    }
    for (ChangeSet.Change change : outcome.changes()) {
      if (!change.entityTags().isEmpty() && change.resolvedIdentifier() != null) {
        entities.find(change.resolvedIdentifier()).ifPresent(e -> tags.replace(arns.entity(e), change.entityTags()));
      }
    }
    finish(current, outcome.changes(), ChangeSetStatus.SUCCEEDED, null, null, now);
  }

  private void finish(ChangeSet current, List<ChangeSet.Change> changes, ChangeSetStatus status, String failureCode,
      String failureDescription, Instant now) {
    changeSets.update(current, with(current, status, changes, now, failureCode, failureDescription), null);
  }

  private static ChangeSet with(ChangeSet cs, ChangeSetStatus status, List<ChangeSet.Change> changes, Instant end,
      String failureCode, String failureDescription) {
    return new ChangeSet(cs.id(), cs.accountId(), cs.name(), cs.intent(), status, cs.startTime(), end, failureCode,
        failureDescription, changes, cs.entityIds());
  }
}
