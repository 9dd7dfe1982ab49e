package org.offerdesk.app.web.table;

import java.util.List;
import java.util.Map;
import org.offerdesk.app.web.Html;
import org.springframework.stereotype.Component;

/**
 * What every console table shows around its rows, written in Java: the export link, the sentences about ignored
 * parameters, the chips and chart of counts per status, the filter bar, the "no match" box and the paging links,
 * each from a {@link TableView}. The one implementation of them: {@code fragments/table.html} is these calls (so a
 * template's table and a page written in Java show the same markup), values escaped as {@code th:text} escapes them
 * ({@link Html#escape}). Written here because the fragments' hundred or more interpreted expressions a page (a chip
 * and a bar per status, an option per value of every choice) were a large part of a table page's CPU (bench P3).
 * Links are written as given: they are the table's own paths and queries ({@link TableView#url}), under no context
 * path and needing no processor (the CSRF one leaves a link alone and adds no field to a {@code get} form). A bean
 * because a template may not call a static method where it writes markup ({@code th:utext}).
 */
@Component("tableHtml")
public final class TableHtml {

  /** The "Export CSV" button, or nothing when the table has no export. */
  public String export(TableView view) {
    return view.exportUrl() == null ? "" : "<a class=\"btn btn-outline-secondary\" href=\""
        + Html.escape(view.exportUrl()) + "\" data-testid=\"export-csv\">Export CSV</a>";
  }

  /** One warning per ignored parameter. */
  public String problems(TableView view) {
    StringBuilder out = new StringBuilder("\n  ");
    String between = "";
    for (String problem : view.problems()) {
      out.append(between).append("<div class=\"alert alert-warning\">").append(Html.escape(problem)).append("</div>");
      between = "\n  ";
    }
    return out.append('\n').toString();
  }

  /**
   * The chips (all, then one per value, each filtering the table to it) and the chart of the counts; {@code css}
   * is the tables' stylesheet's URL as the page writes it (its hashed name).
   */
  public String counts(TableView view, List<CountChip> chips, String parameter, String noun, String css) {
    String p = Html.escape(parameter);
    StringBuilder out = new StringBuilder(6000)
        .append("<div class=\"row g-3 mb-3\" id=\"").append(p).append("-overview\">\n")
        .append("  <link rel=\"stylesheet\" href=\"").append(Html.escape(css)).append("\">\n")
        .append("  <div class=\"col-xl-7\">\n")
        .append("    <div class=\"d-flex flex-wrap gap-1 align-items-center\" data-testid=\"").append(p)
        .append("-counts\">\n")
        .append("      <a class=\"btn btn-sm ").append(view.filters().get(parameter) == null ? "btn-dark" : "btn-outline-dark")
        .append("\" href=\"").append(Html.escape(view.without(parameter))).append("\">All <span class=\"badge ")
        .append("text-bg-light\">").append(CountChip.total(chips)).append("</span></a>\n      ");
    for (CountChip c : chips) {
      out.append("<a class=\"btn btn-sm count-chip ").append(p).append("-chip ")
          .append(c.active() ? "btn-dark" : c.count() == 0 ? "btn-outline-secondary opacity-50" : "btn-outline-secondary")
          .append("\" href=\"").append(Html.escape(c.url())).append("\" data-").append(p).append("=\"")
          .append(Html.escape(c.value())).append("\" data-count=\"").append(c.count()).append("\">\n        <span>")
          .append(Html.escape(c.value().replace('_', ' '))).append("</span>\n        <span class=\"")
          .append(classes("badge", c.style())).append("\">").append(c.count()).append("</span></a>");
    }
    String caption = Html.escape(noun + " per " + parameter);
    out.append("\n    </div>\n  </div>\n  <div class=\"col-xl-5\">\n")
        .append("    <figure class=\"count-chart mb-0\" data-testid=\"").append(p).append("-chart\" aria-label=\"")
        .append(caption).append("\">\n")
        .append("      <figcaption class=\"small text-muted mb-1\">").append(caption).append("</figcaption>\n      ");
    String between = ""; // as th:each wrote it: each value after the first on a line of its own, even without a bar
    for (CountChip c : chips) {
      out.append(between);
      between = "\n      ";
      if (c.count() > 0) {
        out.append("<div class=\"count-bar-row\">\n        <span class=\"count-bar-label\">")
            .append(Html.escape(c.value().replace('_', ' '))).append("</span>\n")
            .append("        <span class=\"count-bar-track\"><span class=\"")
            .append(Html.escape("count-bar " + parameter + "-bar " + c.style())).append("\" style=\"width:")
            .append(c.percent()).append("%\"></span></span>\n        <span class=\"count-bar-count\">")
            .append(c.count()).append("</span>\n      </div>");
      }
    }
    return out.append("\n    </figure>\n  </div>\n</div>").toString();
  }

  /** The filter bar: an input per filter with its current value, "Apply", and "Clear filters" when any is set. */
  public String filters(TableView view) {
    StringBuilder out = new StringBuilder(6000)
        .append("<form action=\"").append(Html.escape(view.path())).append("\" method=\"get\"\n")
        .append("      class=\"table-filters border rounded p-2 mb-3 bg-light\" data-testid=\"filters\">\n")
        .append("  <div class=\"row g-2 align-items-end\">\n    ");
    for (FilterField f : view.fields()) {
      String current = view.kept().get(f.name());
      String id = Html.escape(f.id());
      out.append("<div class=\"col-md-").append(f.width()).append("\">\n")
          .append("      <label class=\"form-label small mb-0\" for=\"").append(id).append("\">")
          .append(Html.escape(f.label())).append("</label>\n      ");
      if (f.kind() == FilterField.Kind.CHOICE) {
        choice(out, f, id, current);
        out.append("\n      \n    </div>\n    ");
      } else {
        out.append("\n      <input class=\"form-control form-control-sm\" id=\"").append(id).append("\" name=\"")
            .append(Html.escape(f.name())).append("\"\n             type=\"").append(switch (f.kind()) {
              case SEARCH -> "search";
              case DATE -> "date";
              default -> "text";
            }).append("\"\n             value=\"").append(Html.escape(current)).append('"');
        if (f.placeholder() != null) {
          out.append(" placeholder=\"").append(Html.escape(f.placeholder())).append('"');
        }
        out.append(">\n    </div>\n    ");
      }
    }
    out.append("<div class=\"col-12 d-flex gap-2\">\n")
        .append("      <button class=\"btn btn-sm btn-primary\" type=\"submit\">Apply</button>\n      ");
    if (!view.kept().isEmpty()) {
      out.append("<a class=\"btn btn-sm btn-link\" href=\"").append(Html.escape(view.path()))
          .append("\">Clear filters</a>");
    }
    return out.append("\n    </div>\n  </div>\n</form>").toString();
  }

  private static void choice(StringBuilder out, FilterField f, String id, String current) {
    out.append("<select class=\"form-select form-select-sm\" id=\"").append(id).append("\" name=\"")
        .append(Html.escape(f.name())).append("\">\n        ");
    if (f.any() != null) {
      out.append("<option value=\"\">").append(Html.escape(f.any())).append("</option>");
    }
    for (Map.Entry<String, String> o : f.options().entrySet()) {
      out.append("\n        <option value=\"").append(Html.escape(o.getKey())).append('"')
          .append(o.getKey().equals(current) ? " selected=\"selected\"" : "").append('>')
          .append(Html.escape(o.getValue())).append("</option>");
    }
    out.append("\n      </select>");
  }

  /** What a table says when its filters leave no row; {@code noun} is the plural ("offers"). */
  public String noMatch(TableView view, String noun) {
    return "<div class=\"border rounded p-4 bg-light\" data-testid=\"no-match\">\n  <h2 class=\"h6\">"
        + Html.escape("No " + noun + " match these filters") + "</h2>\n  <a href=\"" + Html.escape(view.path())
        + "\">" + Html.escape("Show every " + noun.substring(0, noun.length() - 1)) + "</a>\n</div>";
  }

  /** The links to the first page (when this is not it) and the next (when there is one). */
  public String paging(TableView view) {
    StringBuilder out = new StringBuilder(400).append("<nav class=\"d-flex gap-2\" aria-label=\"Pages\">\n  ");
    if (view.firstPageUrl() != null) {
      out.append("<a class=\"btn btn-sm btn-outline-secondary\" href=\"").append(Html.escape(view.firstPageUrl()))
          .append("\">First page</a>");
    }
    out.append("\n  ");
    if (view.nextUrl() != null) {
      out.append("<a class=\"btn btn-sm btn-outline-secondary\" href=\"").append(Html.escape(view.nextUrl()))
          .append("\" data-testid=\"next-page\">Next page</a>");
    }
    return out.append("\n</nav>").toString();
  }

  /** {@code base} with {@code more} appended as {@code th:classappend} does (nothing for none). */
  private static String classes(String base, String more) {
    return more == null || more.isEmpty() ? base : base + " " + Html.escape(more);
  }
}
