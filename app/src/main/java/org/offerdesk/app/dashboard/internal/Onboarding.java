package org.offerdesk.app.dashboard.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.offers.OfferFigures;
import org.offerdesk.app.sql.SqlReads;
import org.springframework.stereotype.Service;

/**
 * The steps that get a new seller organization selling, each done or not according to what exists: a
 * marketplace connection that passed a live test, synced listings, every listing's fulfillment URL pointing
 * at OfferDesk, a second member, a webhook endpoint, and a first offer in front of a buyer.
 */
@Service
final class Onboarding {

  /**
   * Everything the checklist asks, in one statement over the tables of the capabilities that own each answer
   * (identity's organization and users, the marketplace connection, listings, webhook endpoints, offers): the
   * dashboard is the page every console user lands on, and six statements a page were a third of its SQL.
   * Read-only; each subquery asks what that capability's own query for the same answer asked.
   */
  private static final String FACTS = """
      SELECT o.slug,
        c.organization_id IS NOT NULL AS connected, c.last_test_ok, c.verified_account_id,
        (SELECT array_agg(l.title ORDER BY l.title, l.product_id) FROM listing l WHERE l.organization_id = o.id)
          AS listing_titles,
        (SELECT array_agg(l.fulfillment_url ORDER BY l.title, l.product_id) FROM listing l
          WHERE l.organization_id = o.id) AS listing_urls,
        (SELECT count(*) FROM app_user u WHERE u.organization_id = o.id AND u.active) AS members,
        EXISTS (SELECT 1 FROM webhook_endpoint w WHERE w.organization_id = o.id) AS hooked,
        EXISTS (SELECT 1 FROM offer f WHERE f.organization_id = o.id AND (%s)) AS sent
      FROM organization o LEFT JOIN marketplace_connection c ON c.organization_id = o.id
      WHERE o.id = ?""".formatted(OfferFigures.SENT_CONDITION);

  /** What the checklist is made of; the listings' titles and fulfillment URLs in title order, pairwise. */
  private record Facts(String slug, boolean connected, Boolean lastTestOk, String verifiedAccountId,
      List<String> listingTitles, List<String> listingUrls, long members, boolean hooked, boolean sent) {

    static final Facts NONE = new Facts(null, false, null, null, List.of(), List.of(), 0, false, false);

    static Facts map(ResultSet rs, int row) throws SQLException {
      return new Facts(rs.getString("slug"), rs.getBoolean("connected"), (Boolean) rs.getObject("last_test_ok"),
          rs.getString("verified_account_id"), strings(rs.getArray("listing_titles")),
          strings(rs.getArray("listing_urls")), rs.getLong("members"), rs.getBoolean("hooked"),
          rs.getBoolean("sent"));
    }

    private static List<String> strings(Array array) throws SQLException {
      // Arrays.asList keeps nulls (a listing without a fulfillment URL).
      return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
  }

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
   * The caller's checklist, with the fulfillment URL under {@code baseUrl} (OfferDesk's public address), once
   * {@code batch} has run: its one read is added to the batch (the dashboard's page sends it with the figures). A
   * reseller sells through its sellers' listings and has no checklist: empty, and nothing read.
   */
  Supplier<Checklist> of(SqlReads.Batch batch, Caller caller, String baseUrl) {
    if (caller.organizationKind() != OrganizationKind.SELLER) {
      return () -> new Checklist(List.of(), null);
    }
    Supplier<Optional<Facts>> facts = batch.add(SqlReads.Read.of(FACTS,
        rs -> rs.next() ? Optional.of(Facts.map(rs, 0)) : Optional.empty(), caller.organizationId()));
    return () -> checklist(facts.get().orElse(Facts.NONE), baseUrl);
  }

  private static Checklist checklist(Facts facts, String baseUrl) {
    String generic = baseUrl + "/marketplace/register";
    String fulfillmentUrl = facts.slug() == null ? generic : generic + "/" + facts.slug();
    boolean tested = facts.connected() && Boolean.TRUE.equals(facts.lastTestOk());
    List<String> synced = facts.listingTitles();
    List<String> unset = new ArrayList<>();
    for (int i = 0; i < synced.size(); i++) {
      String url = facts.listingUrls().get(i);
      if (!fulfillmentUrl.equals(url) && !generic.equals(url)) {
        unset.add(synced.get(i));
      }
    }
    long members = facts.members();
    boolean hooked = facts.hooked();
    boolean sent = facts.sent();
    return new Checklist(List.of(
        new Step("marketplace", "Connect your AWS Marketplace account", tested,
            !facts.connected() ? "Not connected yet."
                : tested ? "Connected to account " + facts.verifiedAccountId() + "; the live test passed."
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
