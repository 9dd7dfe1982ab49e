package org.offerdesk.app.offers.internal;

import java.util.List;
import org.offerdesk.app.web.ConsoleLayout;
import org.offerdesk.app.web.Html;
import org.offerdesk.app.web.table.CountChip;
import org.offerdesk.app.web.table.TableHtml;
import org.offerdesk.app.web.table.TableView;

/**
 * The offers page's own markup (inside web's layout), written here as {@code offers/index.html} wrote it: the
 * header with the export and "New offer", the ignored parameters, the panel for offers made outside OfferDesk
 * ({@link OfferImportHtml}), the empty state, the chips and filter bar, the table ({@link OfferRowsHtml}) and its
 * paging. What every table shows around its rows is web's {@link TableHtml}, as for the tables still in
 * templates. In the template the page was a thousand or more interpreted expressions (twenty a row), most of a
 * request's CPU (bench P3, console {@code /offers}); the HTML is the same.
 */
final class OffersListHtml {

  private OffersListHtml() {}

  /**
   * What the page shows: the table's view, chips and rows ({@code rows} the {@code <tbody>}'s content), whether
   * the net revenue column is shown, whether an offer is publishing (the table then refreshes itself), how many
   * offers the chips count, whether the caller may edit offers, and the import panel.
   */
  record Page(TableView table, List<CountChip> chips, boolean empty, String rows, boolean net, boolean publishing,
      long total, boolean canEdit, OfferImportHtml.Panel panel) {}

  static String section(ConsoleLayout layout, TableHtml tables, Page p) {
    TableView table = p.table();
    StringBuilder out = new StringBuilder(16000 + p.rows().length())
        .append("<section>\n  <link rel=\"stylesheet\" href=\"").append(layout.link("/css/offers.css")).append("\">\n")
        .append("  <div class=\"d-flex align-items-center gap-2 mb-3\">\n")
        .append("    <h1 class=\"h3 me-auto mb-0\">Offers</h1>\n    ").append(tables.export(table)).append("\n    ");
    if (p.canEdit()) {
      out.append("<a class=\"btn btn-primary\" href=\"").append(layout.link("/offers/new"))
          .append("\" data-testid=\"new-offer\">New offer</a>");
    }
    out.append("\n  </div>\n\n  ").append(tables.problems(table)).append("\n\n  ");
    if (p.canEdit()) {
      out.append(OfferImportHtml.panel(layout, p.panel()));
    }
    out.append("\n\n  ");
    boolean none = p.total() == 0 && !table.filtered();
    if (none) {
      out.append("<div class=\"empty-state border rounded p-4 bg-light\" data-testid=\"empty-state\">\n")
          .append("    <h2 class=\"h5\">No offers yet</h2>\n")
          .append("    <p>Every private offer you make will be listed here with its stage, from draft to accepted. Create one on a\n")
          .append("      listing in limited preview or public, save it as a draft, and publish it to the marketplace when it is ready\n")
          .append("      for the buyer. Offers already made on the marketplace come in through the panel above.</p>\n    ");
      if (p.canEdit()) {
        out.append("<a class=\"btn btn-primary\" href=\"").append(layout.link("/offers/new")).append("\">New offer</a>");
      }
      out.append("\n  </div>");
    }
    out.append("\n\n  ");
    if (!none) {
      out.append("\n  ").append(tables.counts(table, p.chips(), "stage", "Offers", layout.link("/css/tables.css")))
          .append("\n\n  ").append(tables.filters(table)).append("\n\n  ");
      table(out, tables, p);
      out.append("\n  ");
    }
    return out.append("\n</section>").toString();
  }

  private static void table(StringBuilder out, TableHtml tables, Page p) {
    out.append("<div id=\"offers-table\"");
    if (p.publishing()) {
      out.append(" hx-get=\"").append(Html.escape(p.table().selfUrl())).append("\" hx-trigger=\"every 2s\"")
          .append(" hx-select=\"#offers-table\" hx-swap=\"outerHTML\" hx-select-oob=\"#stage-overview\"");
    }
    out.append(">\n    ").append(p.empty() ? tables.noMatch(p.table(), "offers") : "").append("\n    ");
    if (!p.empty()) {
      out.append("<div class=\"table-responsive\">\n")
          .append("    <table class=\"table table-sm table-hover offers-table\" data-testid=\"offers\">\n")
          .append("      <thead><tr><th>Name</th><th>Type</th><th>Stage</th><th>Listing</th><th>Buyers</th>")
          .append("<th class=\"text-end\">Contract total</th>\n")
          .append("        <th>Expires on</th><th>Marketplace offer ID</th><th>Owner</th><th>Created (UTC)</th>\n        ")
          .append(p.net() ? "<th class=\"text-end\">Net revenue</th>" : "").append("</tr></thead>\n")
          .append("      <tbody>").append(p.rows()).append("</tbody>\n    </table>\n    </div>");
    }
    out.append("\n    ").append(tables.paging(p.table())).append("\n    ")
        .append(p.publishing() ? "<p class=\"small text-muted mt-1\">Offers being published refresh by themselves.</p>" : "")
        .append("\n  </div>");
  }
}
