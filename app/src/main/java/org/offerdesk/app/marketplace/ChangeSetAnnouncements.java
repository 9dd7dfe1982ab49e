package org.offerdesk.app.marketplace;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which organizations' change-set ends the marketplace announces to this instance. The marketplace puts a "Change
 * Set Succeeded" (or Failed, Cancelled) event on the seller's queue when a change set ends; the event queue's readers
 * take it as it is sent, and its handler makes the change set's look due at once. An organization whose change-set
 * event this instance handled within {@link #FRESH} has its ends arriving that way, so the looks at its change sets
 * are only the fallback for a lost event, and {@link ChangeSetLooks} spaces them further apart. Held in memory, per
 * instance: after a restart, or on an instance that reads none of the organization's events, the looks come at the
 * usual pace until an event arrives. Nothing is decided on it but how often to look.
 */
@Component
public class ChangeSetAnnouncements {

  /** How long one change-set event counts as the organization's ends being announced. */
  public static final Duration FRESH = Duration.ofMinutes(10);

  private final Map<UUID, Long> lastHeard = new ConcurrentHashMap<>();

  /** A change set of the organization's ended, and the marketplace said so by an event. */
  public void heard(UUID organizationId) {
    lastHeard.put(organizationId, System.nanoTime());
  }

  /** Whether the organization's change-set ends came as events lately. */
  public boolean announced(UUID organizationId) {
    Long at = lastHeard.get(organizationId);
    return at != null && System.nanoTime() - at < FRESH.toNanos();
  }
}
