package org.offerdesk.app.dashboard.internal;

import java.util.List;
import java.util.Locale;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.web.Html;

/**
 * The dashboard page's repeated rows (pipeline stages, bookings, what needs attention, the onboarding steps),
 * written as HTML here, escaped as {@code th:text} escapes, and put into the page by one {@code th:utext} each.
 * In the template each row cost five to nine interpreted expressions (a year's bookings alone about 300 a
 * page); the markup is the same. The page's frame stays in {@code dashboard/index.html}.
 */
final class DashboardRows {

  private DashboardRows() {}

  static String pipeline(List<DashboardPage.StageRow> rows) {
    StringBuilder out = new StringBuilder(rows.size() * 420);
    for (DashboardPage.StageRow r : rows) {
      String link = Html.escape(r.link());
      out.append("\n<tr data-stage=\"").append(Html.escape(r.stage().name())).append("\">\n  <td>")
          .append(Html.escape(r.stage().name().replace('_', ' '))).append("</td>\n  <td class=\"text-end\"><a class=\"stage-count\" href=\"")
          .append(link).append("\">").append(r.count()).append("</a></td>\n  <td class=\"text-end\"><a class=\"stage-value\" href=\"")
          .append(link).append("\">").append(Html.escape(String.join(" · ", r.totals()))).append("</a></td>\n</tr>");
    }
    return out.append('\n').toString();
  }

  static String bookings(List<DashboardView.BookingItem> items) {
    StringBuilder out = new StringBuilder(items.size() * 480);
    for (DashboardView.BookingItem b : items) {
      String link = Html.escape(b.link());
      out.append("\n<tr class=\"booking-row\" data-month=\"").append(Html.escape(b.month())).append("\" data-kind=\"")
          .append(Html.escape(b.kind().name())).append("\">\n  <td>").append(Html.escape(b.month())).append("</td>\n  <td>")
          .append(Html.escape(b.kind().name().toLowerCase(Locale.ROOT))).append("</td>\n  <td class=\"text-end\"><a href=\"")
          .append(link).append("\">").append(b.count()).append("</a></td>\n  <td class=\"text-end\"><a href=\"")
          .append(link).append("\">")
          .append(Html.escape(b.contractValue() == null ? "—" : MoneyFormat.display(b.contractValue(), b.currency())))
          .append("</a></td>\n</tr>");
    }
    return out.append('\n').toString();
  }

  static String attention(List<DashboardView.AttentionItem> items) {
    StringBuilder out = new StringBuilder(items.size() * 320);
    for (DashboardView.AttentionItem a : items) {
      out.append("\n<li class=\"list-group-item d-flex justify-content-between px-0\" data-attention=\"")
          .append(Html.escape(a.kind())).append("\">\n  <span>").append(Html.escape(a.label()))
          .append("</span>\n  <a class=\"badge rounded-pill text-decoration-none ")
          .append(a.count() > 0 ? "text-bg-warning" : "text-bg-light").append("\" href=\"").append(Html.escape(a.link()))
          .append("\">").append(a.count()).append("</a>\n</li>");
    }
    return out.append('\n').toString();
  }

  static String checklist(Onboarding.Checklist checklist) {
    StringBuilder out = new StringBuilder(checklist.steps().size() * 400);
    for (Onboarding.Step s : checklist.steps()) {
      out.append("\n<li class=\"onboarding-step py-1\" data-step=\"").append(Html.escape(s.key())).append("\" data-done=\"")
          .append(s.done()).append("\">\n  <span aria-hidden=\"true\" class=\"")
          .append(s.done() ? "text-success\">✓" : "text-muted\">○").append("</span>\n  <strong>")
          .append(Html.escape(s.title())).append("</strong> ·\n  <span class=\"small\">").append(Html.escape(s.detail()))
          .append("</span>");
      if (!s.done()) {
        out.append("\n  <a class=\"small ms-1\" href=\"").append(Html.escape(s.link())).append("\">")
            .append(Html.escape(s.action() + " →")).append("</a>");
      }
      if (s.key().equals("fulfillment")) {
        out.append("""

              <div class="small mt-1">
                Paste this URL as each product's fulfillment URL in the AWS Marketplace Management Portal
                (Products → your product → Edit fulfillment options):
                <code data-testid="fulfillment-url">""").append(Html.escape(checklist.fulfillmentUrl()))
            .append("</code>\n  </div>");
      }
      out.append("\n</li>");
    }
    return out.append('\n').toString();
  }

}
