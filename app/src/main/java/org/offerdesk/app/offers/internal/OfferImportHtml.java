package org.offerdesk.app.offers.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.offerdesk.app.web.ConsoleLayout;
import org.offerdesk.app.web.Html;

/**
 * The offers page's panel for offers made outside OfferDesk (associate one by its marketplace ID, or import them
 * all) and an import's progress, which the panel shows and htmx polls ({@link OfferImportPages}), written in Java
 * as their template wrote them: values escaped as {@code th:text} escapes them, the forms' actions and CSRF fields
 * as {@code th:action} writes them ({@link ConsoleLayout#postForm}).
 */
final class OfferImportHtml {

  private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private OfferImportHtml() {}

  /**
   * What the panel shows: the associate form's typed value and its error, or the offer it found already known
   * (ID and name), and the import to show; each may be null.
   */
  record Panel(boolean open, Object associateValue, Object associateError, Object associateKnown,
      Object associateKnownName, OfferImportPages.ImportProgress importRun) {}

  static String panel(ConsoleLayout layout, Panel p) {
    StringBuilder out = new StringBuilder(3000)
        .append("<details class=\"border rounded p-3 mb-3\" id=\"bring-in\" data-testid=\"bring-in\"")
        .append(p.open() ? " open=\"open\"" : "").append(">\n")
        .append("  <summary class=\"fw-semibold\">Bring in offers made outside OfferDesk</summary>\n")
        .append("  <div class=\"row g-4 mt-1\">\n    <div class=\"col-lg-6\">\n      ")
        .append(layout.postForm("/offers/associate", " novalidate data-testid=\"associate-form\"")).append('\n')
        .append("        <label class=\"form-label\" for=\"marketplaceOfferId\">Associate one offer by its marketplace offer ID</label>\n")
        .append("        <div class=\"input-group\">\n")
        .append("          <input class=\"form-control font-monospace")
        .append(ConsoleLayout.truthy(p.associateError()) ? " is-invalid" : "")
        .append("\" id=\"marketplaceOfferId\" name=\"marketplaceOfferId\"\n")
        .append("                 placeholder=\"offer-abc123def4567\" value=\"").append(Html.text(p.associateValue())).append("\">\n")
        .append("          <button class=\"btn btn-outline-primary\" type=\"submit\" data-testid=\"associate\">Associate</button>\n")
        .append("        </div>\n        ");
    if (ConsoleLayout.truthy(p.associateError())) {
      out.append("<div class=\"invalid-feedback d-block\" data-field-error=\"marketplaceOfferId\">")
          .append(Html.text(p.associateError())).append("</div>");
    }
    out.append("\n        ");
    if (ConsoleLayout.truthy(p.associateKnown())) {
      out.append("<div class=\"alert alert-info small mt-2 mb-0\" data-testid=\"already-known\">\n")
          .append("          <code>").append(Html.text(p.associateValue())).append("</code> is already in OfferDesk:\n")
          .append("          <a href=\"").append(layout.link("/offers/" + p.associateKnown())).append("\">")
          .append(Html.text(p.associateKnownName())).append("</a>.\n        </div>");
    }
    out.append("\n        <div class=\"form-text\">OfferDesk reads its terms and stage from the marketplace, and its agreement if the\n")
        .append("          buyer accepted it.</div>\n      </form>\n    </div>\n    <div class=\"col-lg-6\">\n      ");
    if (p.importRun() == null || !p.importRun().running()) {
      out.append(layout.postForm("/offers/import", " class=\"mb-2\"")).append('\n')
          .append("        <label class=\"form-label d-block\">Or every offer of your marketplace account that OfferDesk lacks</label>\n")
          .append("        <button class=\"btn btn-outline-primary\" type=\"submit\" data-testid=\"import-all\">Import all from the marketplace</button>\n")
          .append("      </form>");
    }
    out.append("\n      ");
    if (p.importRun() != null) {
      out.append(progress(layout, p.importRun()));
    }
    return out.append("\n    </div>\n  </div>\n</details>").toString();
  }

  /** An import's progress: a bar polled every second while it runs, then its summary. */
  static String progress(ConsoleLayout layout, OfferImportPages.ImportProgress run) {
    StringBuilder out = new StringBuilder(1500)
        .append("<div id=\"import-progress\" data-testid=\"import-progress\"\n     data-status=\"")
        .append(Html.text(run.status())).append('"');
    if (run.running()) {
      out.append(" hx-get=\"").append(layout.link("/offers/imports/" + run.id() + "/progress"))
          .append("\" hx-trigger=\"every 1s\" hx-swap=\"outerHTML\"");
    }
    out.append(">\n  ");
    if (run.running()) {
      out.append("\n    <div class=\"small mb-1\">\n")
          .append("      <span class=\"spinner-border spinner-border-sm\" aria-hidden=\"true\"></span>\n      ")
          .append(run.total() == null ? "<span>Importing: listing the offers of your marketplace account…</span>" : "")
          .append("\n      ")
          .append(run.total() == null ? "" : "<span>Importing: " + run.processed() + " of " + run.total()
              + " offers checked</span>")
          .append("\n    </div>\n")
          .append("    <div class=\"progress\" role=\"progressbar\" aria-label=\"Import progress\" aria-valuemin=\"0\" aria-valuemax=\"100\"\n")
          .append("         aria-valuenow=\"").append(run.percent()).append("\">\n")
          .append("      <div class=\"progress-bar progress-bar-striped progress-bar-animated\"\n")
          .append("           style=\"width:").append(run.total() == null ? 100 : run.percent()).append("%\">")
          .append(run.total() == null ? "" : run.percent() + "%").append("</div>\n    </div>\n")
          .append("    <div class=\"small text-muted mt-1\"><span>").append(run.imported())
          .append("</span> imported so far ·\n      this panel updates by itself.</div>\n  ");
    }
    out.append("\n  ");
    if (!run.running()) {
      boolean done = "DONE".equals(run.status());
      out.append("\n    <div class=\"alert mb-0 ").append(done && run.failed() == 0 ? "alert-success" : "alert-warning")
          .append("\"\n         data-testid=\"import-summary\">\n")
          .append("      <strong>").append(done ? "Import finished." : "Import failed.").append("</strong>\n      ")
          .append(run.total() == null ? "" : "<span>" + run.total() + " offers on the marketplace account:</span>")
          .append("\n      <span data-testid=\"import-imported\">").append(run.imported()).append(" imported</span>,\n")
          .append("      <span data-testid=\"import-known\">").append(run.alreadyKnown())
          .append(" already in OfferDesk</span>,\n")
          .append("      <span data-testid=\"import-failed\">").append(run.failed()).append(" failed</span>.\n      ");
      if (!run.errors().isEmpty()) {
        out.append("<ul class=\"mb-0 mt-2 small\" data-testid=\"import-errors\">\n        ");
        String between = "";
        for (String error : run.errors()) {
          out.append(between).append("<li>").append(Html.escape(error)).append("</li>");
          between = "\n        ";
        }
        out.append("\n      </ul>");
      }
      out.append("\n      <div class=\"small text-muted mt-1\">Started by <span>").append(Html.text(run.startedBy()))
          .append("</span>\n        at <span>").append(run.startedAt() == null ? "" : STARTED.format(run.startedAt()))
          .append("</span> UTC ·\n        <a href=\"").append(layout.link("/offers")).append("\">Hide</a></div>\n")
          .append("    </div>\n  ");
    }
    return out.append("\n</div>").toString();
  }
}
