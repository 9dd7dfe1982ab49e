package org.offerdesk.app.offers.internal;

import java.util.List;
import org.offerdesk.app.web.Html;

/**
 * The offers table's rows ({@code <tr>} per offer), written in Java as {@code offers/index.html} wrote them: values
 * escaped as {@code th:text} escapes them, an attribute whose value is null left out as {@code th:attr} leaves it.
 * In the template a row was about twenty interpreted expressions (fifty rows a page), most of the page's CPU after
 * the reads (bench P3, console {@code /offers}); the HTML is the same.
 */
final class OfferRowsHtml {

  private OfferRowsHtml() {}

  /** The body of the table's {@code <tbody>}. */
  static String of(List<OfferPageModels.OfferRow> rows) {
    StringBuilder out = new StringBuilder(256 + rows.size() * 1400).append("\n      ");
    String between = "";
    for (OfferPageModels.OfferRow r : rows) {
      out.append(between);
      row(out, r);
      between = "\n      ";
    }
    return out.append("\n      ").toString();
  }

  private static void row(StringBuilder out, OfferPageModels.OfferRow r) {
    String name = r.name() == null ? null : Html.escape(r.name());
    String stage = r.stage() == null ? null : Html.escape(r.stage().toString());
    out.append("<tr");
    attribute(out, "data-offer-id", r.id() == null ? null : Html.escape(r.id().toString()));
    attribute(out, "data-offer-name", name);
    attribute(out, "data-stage", stage);
    out.append(">\n        <td><a");
    attribute(out, "href", r.link() == null ? null : Html.escape(r.link()));
    out.append('>').append(name == null ? "" : name).append("</a></td>\n")
        .append("        <td>").append(Html.text(r.type())).append("</td>\n")
        .append("        <td><span class=\"badge stage-badge")
        .append(r.stageStyle() == null || r.stageStyle().isEmpty() ? "" : " " + Html.escape(r.stageStyle()))
        .append("\" data-testid=\"stage\">").append(stage == null ? "" : stage).append("</span></td>\n")
        .append("        <td class=\"listing\">").append(Html.text(r.listing())).append("</td>\n")
        .append("        <td class=\"buyers\">");
    for (String buyer : r.shownBuyers()) {
      out.append("<span><code>").append(Html.text(buyer)).append("</code><br></span>");
    }
    out.append("\n          ");
    if (r.moreBuyers() != null) {
      out.append("<span class=\"text-muted small\">").append(Html.escape(r.moreBuyers())).append("</span>");
    }
    out.append("</td>\n")
        .append("        <td class=\"text-end text-nowrap\"><span>").append(Html.text(r.total()))
        .append("</span> <span class=\"text-muted small\">").append(Html.text(r.currency())).append("</span></td>\n")
        .append("        <td class=\"text-nowrap\">").append(Html.text(r.expiresOn())).append("</td>\n")
        .append("        <td><code>").append(Html.text(r.marketplaceOfferId())).append("</code></td>\n")
        .append("        <td class=\"small owner\"");
    attribute(out, "title", r.owner() == null ? null : Html.escape(r.owner()));
    out.append('>').append(Html.text(r.owner())).append("</td>\n")
        .append("        <td class=\"text-nowrap small\">").append(Html.text(r.created())).append("</td>\n        ");
    if (r.netShown()) {
      out.append("<td class=\"text-end text-nowrap\" data-testid=\"net-revenue\">").append(Html.text(r.net())).append("</td>");
    }
    out.append("\n      </tr>");
  }

  /** {@code name="value"} (the value already escaped), or nothing for a null value. */
  private static void attribute(StringBuilder out, String name, String escaped) {
    if (escaped != null) {
      out.append(' ').append(name).append("=\"").append(escaped).append('"');
    }
  }
}
