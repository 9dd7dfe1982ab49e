package org.offerdesk.app.marketplace;

/**
 * A capability's reaction to marketplace events. Called once per event in a durable job, inside its
 * transaction; the same event may still come twice across a crash, so handlers key what they record
 * on the event's facts (an agreement ID, a change set ID) and never move state backwards.
 */
public interface MarketplaceEventHandler {

  boolean handles(MarketplaceEvent event);

  void handle(MarketplaceEvent event);
}
