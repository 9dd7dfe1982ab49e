package org.offerdesk.app.dashboard.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.offerdesk.app.web.Html;

/**
 * The dashboard page's own markup, written here as its template wrote it ({@code th:text} and attribute values
 * escaped as Thymeleaf escapes them), in two parts that {@link DashboardPage} puts inside web's layout: the
 * header (period buttons, custom period, whose offers) and the figures (the period line, the onboarding
 * checklist, the four cards), the demo's banner between the two. In the template these were about forty
 * interpreted expressions and two hundred elements Thymeleaf walked on every request, the page's largest cost
 * after its reads (bench D, console {@code /dashboard}); the HTML is the same.
 */
final class DashboardHtml {

  private DashboardHtml() {}

  /** What the header shows; {@code css} and {@code action} are the stylesheet's and the form's URLs as written. */
  record Header(DashboardView view, boolean mine, Map<String, String> periodLinks, Map<String, String> ownerLinks,
      String css, String action) {}

  /** What the figures show, the rows already written by {@link DashboardRows}. */
  record Figures(DashboardView view, boolean mine, Onboarding.Checklist checklist, String checklistRows,
      boolean noStages, String pipelineRows, BookingsChart chart, String bookingRows, String attentionRows,
      List<String> renewalTotals) {}

  static String header(Header h) {
    DashboardView.PeriodView period = h.view().period();
    StringBuilder out = new StringBuilder(2400)
        .append("\n  \n  <link rel=\"stylesheet\" href=\"").append(Html.escape(h.css())).append("\">\n")
        .append("  <div class=\"d-flex flex-wrap align-items-center gap-2 mb-3\">\n")
        .append("    <h1 class=\"h3 me-auto mb-0\">Dashboard</h1>\n")
        .append("    <div class=\"btn-group btn-group-sm\" role=\"group\" aria-label=\"Period\" data-testid=\"periods\">\n")
        .append("      ");
    for (Map.Entry<String, String> p : h.periodLinks().entrySet()) {
      out.append("<a class=\"btn ").append(period.kind().name().equals(p.getKey()) ? "btn-dark" : "btn-outline-dark")
          .append("\" href=\"").append(Html.escape(p.getValue())).append("\" data-period=\"").append(Html.escape(p.getKey()))
          .append("\">").append(Html.escape("This " + p.getKey().toLowerCase(Locale.ROOT))).append("</a>");
    }
    return out.append("\n    </div>\n")
        .append("    <form method=\"get\" action=\"").append(Html.escape(h.action()))
        .append("\" class=\"d-flex gap-1 align-items-center\" data-testid=\"custom-period\">\n")
        .append("      ").append(h.mine() ? "<input type=\"hidden\" name=\"owner\" value=\"me\">" : "").append('\n')
        .append("      <label class=\"small text-muted\" for=\"from\">From</label>\n")
        .append("      <input class=\"form-control form-control-sm\" type=\"date\" id=\"from\" name=\"from\" value=\"")
        .append(Html.escape(String.valueOf(period.from()))).append("\">\n")
        .append("      <label class=\"small text-muted\" for=\"to\">to</label>\n")
        .append("      <input class=\"form-control form-control-sm\" type=\"date\" id=\"to\" name=\"to\" value=\"")
        .append(Html.escape(String.valueOf(period.to()))).append("\">\n")
        .append("      <button class=\"btn btn-sm btn-outline-dark\" type=\"submit\">Show</button>\n")
        .append("    </form>\n")
        .append("    <div class=\"btn-group btn-group-sm\" role=\"group\" aria-label=\"Whose offers\" data-testid=\"owners\">\n")
        .append("      <a class=\"btn ").append(h.mine() ? "btn-outline-dark" : "btn-dark").append("\" href=\"")
        .append(Html.escape(h.ownerLinks().get("team"))).append("\">Whole team</a>\n")
        .append("      <a class=\"btn ").append(h.mine() ? "btn-dark" : "btn-outline-dark").append("\" href=\"")
        .append(Html.escape(h.ownerLinks().get("mine"))).append("\" data-testid=\"mine\">Mine</a>\n")
        .append("    </div>\n")
        .append("  </div>\n  ").toString();
  }

  static String figures(Figures f) {
    DashboardView view = f.view();
    StringBuilder out = new StringBuilder(8000)
        .append("\n  <p class=\"text-muted small\" data-testid=\"period\">\n")
        .append("    <span>").append(Html.escape(view.period().from() + " to " + view.period().to()))
        .append("</span> (UTC days) ·\n")
        .append("    <span>").append(f.mine() ? "offers I own" : "the whole team").append("</span>\n")
        .append("  </p>\n\n  ");
    Onboarding.Checklist checklist = f.checklist();
    if (!checklist.steps().isEmpty() && !checklist.done()) {
      out.append("<div class=\"card mb-3 border-primary\" data-testid=\"onboarding\">\n")
          .append("    <div class=\"card-body\">\n")
          .append("      <h2 class=\"h5\">Get ready to sell <span class=\"badge text-bg-primary\">")
          .append(checklist.doneCount()).append(" of ").append(checklist.steps().size()).append("</span></h2>\n")
          .append("      <ol class=\"list-unstyled mb-0\">\n")
          .append("        ").append(f.checklistRows()).append('\n')
          .append("      </ol>\n")
          .append("    </div>\n")
          .append("  </div>");
    }
    DashboardView.Conversion conversion = view.pipeline().conversion();
    out.append("\n\n  <div class=\"row g-3\">\n")
        .append("    <div class=\"col-xl-5\">\n")
        .append("      <div class=\"card h-100\" data-testid=\"pipeline\">\n")
        .append("        <div class=\"card-body\">\n")
        .append("          <h2 class=\"h5\">Pipeline <small class=\"text-muted\">offers created in the period</small></h2>\n")
        .append("          ").append(f.noStages() ? "<p class=\"text-muted mb-0\">No offers in this period.</p>" : "")
        .append("\n          ");
    if (!f.noStages()) {
      table(out, "mb-2", "<th>Stage</th><th class=\"text-end\">Offers</th><th class=\"text-end\">Contract value</th>",
          f.pipelineRows());
    }
    out.append("\n          <p class=\"mb-0\" data-testid=\"conversion\">Sent → accepted:\n")
        .append("            <strong>").append(Html.escape(conversion.percent() == null ? "—" : conversion.percent() + " %"))
        .append("</strong>\n")
        .append("            <span class=\"text-muted small\">")
        .append(Html.escape("(" + conversion.accepted() + " of " + conversion.sent() + " sent)")).append("</span>\n")
        .append("          </p>\n");
    closeCard(out);
    out.append("    <div class=\"col-xl-7\">\n")
        .append("      <div class=\"card h-100\" data-testid=\"bookings\">\n")
        .append("        <div class=\"card-body\">\n")
        .append("          <h2 class=\"h5\">Bookings <small class=\"text-muted\">accepted contract value by month");
    if (f.chart().currency() != null) {
      out.append("<span>").append(Html.escape(", in " + f.chart().currency())).append("</span>");
    }
    out.append("</small></h2>\n          ");
    if (!f.chart().isEmpty()) {
      out.append("<figure class=\"mb-2\">").append(f.chart().bars().html("bookings-chart", "Bookings by month"))
          .append("</figure>");
    }
    boolean noBookings = view.bookings().items().isEmpty();
    out.append("\n          ").append(noBookings ? "<p class=\"text-muted mb-0\">No orders accepted in this period.</p>" : "")
        .append("\n          ");
    if (!noBookings) {
      table(out, "mb-0", "<th>Month</th><th>Kind</th><th class=\"text-end\">Orders</th>"
          + "<th class=\"text-end\">Contract value</th>", f.bookingRows());
    }
    out.append('\n');
    closeCard(out);
    DashboardView.RenewalsDue renewals = view.renewalsDue();
    String renewalsLink = Html.escape(renewals.link());
    out.append("    <div class=\"col-xl-7\">\n")
        .append("      <div class=\"card h-100\" data-testid=\"attention\">\n")
        .append("        <div class=\"card-body\">\n")
        .append("          <h2 class=\"h5\">Needs attention</h2>\n")
        .append("          <ul class=\"list-group list-group-flush\">\n")
        .append("            ").append(f.attentionRows()).append('\n')
        .append("          </ul>\n");
    closeCard(out);
    out.append("    <div class=\"col-xl-5\">\n")
        .append("      <div class=\"card h-100\" data-testid=\"renewals-due\">\n")
        .append("        <div class=\"card-body\">\n")
        .append("          <h2 class=\"h5\">Renewals due <small class=\"text-muted\">")
        .append(Html.escape("agreements ending by " + renewals.to())).append("</small></h2>\n")
        .append("          <p class=\"display-6 mb-1\"><a class=\"text-decoration-none\" href=\"").append(renewalsLink)
        .append("\" data-testid=\"renewals-count\">").append(renewals.count()).append("</a></p>\n")
        .append("          <p class=\"mb-0\"><a href=\"").append(renewalsLink).append("\" data-testid=\"renewals-value\">")
        .append(Html.escape(f.renewalTotals().isEmpty() ? "no contract value" : String.join(" · ", f.renewalTotals())))
        .append("</a></p>\n");
    closeCard(out);
    return out.append("  </div>\n").toString();
  }

  /** A card's table of rows (already written), as the template's {@code th:unless} table was. */
  private static void table(StringBuilder out, String margin, String headings, String rows) {
    out.append("<table class=\"table table-sm ").append(margin).append("\">\n")
        .append("            <thead><tr>").append(headings).append("</tr></thead>\n")
        .append("            <tbody>\n")
        .append("            ").append(rows).append('\n')
        .append("            </tbody>\n")
        .append("          </table>");
  }

  private static void closeCard(StringBuilder out) {
    out.append("        </div>\n      </div>\n    </div>\n");
  }

}
