package org.offerdesk.app.dashboard.internal;

import java.util.EnumSet;
import java.util.List;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.identity.OrganizationNames;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.TeamDirectory;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.offerdesk.app.offers.OfferFigures;
import org.offerdesk.app.webhooks.Webhooks;
import org.springframework.stereotype.Service;

/**
 * The steps that get a new seller organization selling, each done or not according to what exists: a
 * marketplace connection that passed a live test, synced listings, every listing's fulfillment URL pointing
 * at OfferDesk, a second member, a webhook endpoint, and a first offer in front of a buyer.
 */
@Service
record Onboarding(Marketplace marketplace, Listings listings, TeamDirectory team, Webhooks webhooks,
    OfferFigures offers, OrganizationNames organizations) {

  /** One step of the checklist. {@code detail} says what is missing or how it was done. */
  record Step(String key, String title, boolean done, String detail, String link, String action) {}

  /** The checklist; {@code fulfillmentUrl} is the address to paste into the AWS portal for each listing. */
  record Checklist(List<Step> steps, String fulfillmentUrl) {
    public boolean done() {
      return steps.stream().allMatch(Step::done);
    }

    public long doneCount() {
      return steps.stream().filter(Step::done).count();
    }
  }

  /**
   * The caller's checklist, with the fulfillment URL under {@code baseUrl} (OfferDesk's public address). A
   * reseller sells through its sellers' listings and has no checklist: empty.
   */
  Checklist of(Caller caller, String baseUrl) {
    if (caller.organizationKind() != OrganizationKind.SELLER) {
      return new Checklist(List.of(), null);
    }
    var org = caller.organizationId();
    String generic = baseUrl + "/marketplace/register";
    String fulfillmentUrl = organizations.slugOf(org).map(slug -> generic + "/" + slug).orElse(generic);
    MarketplaceConnection connection = marketplace.connection(org).orElse(null);
    boolean tested = connection != null && Boolean.TRUE.equals(connection.lastTestOk());
    List<Listing> synced = listings.all(org);
    List<String> unset = synced.stream()
        .filter(l -> !fulfillmentUrl.equals(l.fulfillmentUrl()) && !generic.equals(l.fulfillmentUrl()))
        .map(Listing::title).toList();
    int members = team.activeMembers(org, EnumSet.allOf(Role.class)).size();
    boolean hooked = webhooks.hasEndpoint(org);
    boolean sent = offers.anySent(org);
    return new Checklist(List.of(
        new Step("marketplace", "Connect your AWS Marketplace account", tested,
            connection == null ? "Not connected yet."
                : tested ? "Connected to account " + connection.verifiedAccountId() + "; the live test passed."
                    : "Connected, but no live test has passed yet: run Test connection.",
            "/settings/marketplace", "Connect and test"),
        new Step("listings", "Sync your listings", !synced.isEmpty(),
            synced.isEmpty() ? "No listings yet." : synced.size() + (synced.size() == 1 ? " listing" : " listings")
                + " synced.",
            "/listings", "Sync listings"),
        new Step("fulfillment", "Set each listing's fulfillment URL", !synced.isEmpty() && unset.isEmpty(),
            synced.isEmpty() ? "Sync your listings first."
                : unset.isEmpty() ? "Every listing sends buyers to OfferDesk."
                    : "Not set for: " + String.join(", ", unset) + ".",
            "/listings", "Open listings"),
        new Step("team", "Invite your team", members > 1,
            members > 1 ? members + " members." : "You are the only member.", "/settings/users", "Invite"),
        new Step("webhooks", "Add a webhook endpoint", hooked,
            hooked ? "Your systems receive OfferDesk's events." : "No endpoint yet.",
            "/settings/webhooks", "Add endpoint"),
        new Step("first-offer", "Send a first offer", sent,
            sent ? "A buyer has received an offer." : "Try one in the sandbox: no buyer is charged.",
            "/offers/new", "New offer")),
        fulfillmentUrl);
  }
}
