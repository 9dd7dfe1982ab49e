package org.offerdesk.app.partners.internal;

import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.springframework.stereotype.Component;

/**
 * A change set's end, announced by the marketplace, wakes the job that follows it now instead of at its
 * next look (the job alone would find the end too; the event only makes it sooner).
 */
@Component
record ResaleChangeSetEvents(Jobs jobs) implements MarketplaceEventHandler {

  @Override
  public boolean handles(MarketplaceEvent event) {
    return event.detailType().startsWith("Change Set ");
  }

  @Override
  public void handle(MarketplaceEvent event) {
    String changeSetId = event.detail().path("ChangeSetId").asText(null);
    if (changeSetId != null) {
      jobs.expedite(ResalePublishing.TRACK + ":" + changeSetId);
    }
  }
}
