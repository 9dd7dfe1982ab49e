package org.offerdesk.app.offers.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Permission;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.offers.NetRevenue;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.web.ConsoleLayout;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.PageReads;
import org.offerdesk.app.web.table.CountChip;
import org.offerdesk.app.web.table.PageRequest;
import org.offerdesk.app.web.table.TableHtml;
import org.offerdesk.app.web.table.TableParams;
import org.offerdesk.app.web.table.TableView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;

/**
 * The Offers page of the console, where a deal desk spends its day: every offer in one table with counts
 * per stage, filters, sorts, pages and the CSV export, and the progress of an import from the marketplace.
 * It reads the same table as the offers API ({@link OfferTable}, {@link OfferStore}), and is written in Java
 * ({@link OffersListHtml}) inside web's layout, without a template.
 */
@Controller
class OffersListPage {

  static final int PAGE_SIZE = 50;

  private final OfferStore store;
  private final Listings listings;
  private final OfferOwners owners;
  private final OfferImports imports;

  private final ObjectProvider<NetRevenue> netRevenue;

  private final PageReads pageReads;
  private final ConsoleLayout layout;
  private final TableHtml tables;

  OffersListPage(OfferStore store, Listings listings, OfferOwners owners, OfferImports imports,
      ObjectProvider<NetRevenue> netRevenue, PageReads pageReads, ConsoleLayout layout, TableHtml tables) {
    this.pageReads = pageReads;
    this.layout = layout;
    this.tables = tables;
    this.netRevenue = netRevenue;
    this.store = store;
    this.listings = listings;
    this.owners = owners;
    this.imports = imports;
  }

  @GetMapping("/offers")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  View offers(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    // Every read of the page (and the layout's) in one read-only transaction: one pool checkout.
    OffersListHtml.Page page = pageReads.read(() -> read(caller, params, model));
    return layout.page("Offers", "offers", OffersListHtml.section(layout, tables, page));
  }

  private OffersListHtml.Page read(Caller caller, Map<String, String> params, Model model) {
    UUID organizationId = caller.organizationId();
    TableParams p = TableParams.lenient(params);
    OfferTable.Filter filter = OfferTable.Filter.from(p);
    PageRequest<Offer> request = p.page(OfferTable.sort(p), PAGE_SIZE);
    Map<String, String> listingNames = listings.titles(organizationId);
    CursorPage<Offer> page = store.table(organizationId, filter).page(request);
    NetRevenue ledger = netRevenue.getIfAvailable();
    Map<UUID, String> net = ledger == null ? null
        : ledger.shown(organizationId, page.items(), Offer::id, Offer::agreementId);
    List<OfferPageModels.OfferRow> rows = page.items().stream()
        .map(o -> OfferPageModels.OfferRow.of(o, listingNames, net)).toList();
    TableView view = TableView.of("/offers", "/offers/export.csv", p,
        OfferTable.fields(listingNames, owners.of(organizationId)), page);
    List<CountChip> chips = CountChip.of(OfferStage.class, store.countsByStage(organizationId, filter), view,
        "stage", OfferPageModels.STAGE_STYLES::get);
    long total = CountChip.total(chips);
    OfferImportPages.ImportProgress importRun = importToShow(caller, params.get("import"))
        .map(OfferImportPages.ImportProgress::of).orElse(null);
    // The panel's flash attributes, after an association that came back to the list.
    Object associateValue = model.getAttribute("associateValue");
    OfferImportHtml.Panel panel = new OfferImportHtml.Panel(
        importRun != null || associateValue != null || (total == 0 && !view.filtered()), associateValue,
        model.getAttribute("associateError"), model.getAttribute("associateKnown"),
        model.getAttribute("associateKnownName"), importRun);
    return new OffersListHtml.Page(view, chips, rows.isEmpty(), OfferRowsHtml.of(rows), net != null,
        rows.stream().anyMatch(r -> r.stage() == OfferStage.PUBLISHING), total,
        caller.can(Permission.OFFERS_EDIT), panel);
  }

  /** The table as CSV, every page of it, with the same filters as the page it was exported from. */
  @GetMapping("/offers/export.csv")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  ResponseEntity<String> export(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params) {
    return CsvExport.attachment("offers.csv", OffersApi.csv(store, caller, params));
  }

  /** The import the table page shows: the one asked for, or one still running. */
  private Optional<OfferImports.ImportRun> importToShow(Caller caller, String asked) {
    if (asked != null && !asked.isBlank()) {
      try {
        Optional<OfferImports.ImportRun> run = imports.get(caller.organizationId(), UUID.fromString(asked.strip()));
        if (run.isPresent()) {
          return run;
        }
      } catch (IllegalArgumentException e) {
        // not an import ID: show what is running, if anything
      }
    }
    return imports.latest(caller.organizationId()).filter(r -> "RUNNING".equals(r.status()));
  }
}
