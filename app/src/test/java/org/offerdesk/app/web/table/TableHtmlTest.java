package org.offerdesk.app.web.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.web.CursorPage;

/** The markup every console table shows around its rows (chips, filter bar, paging), written by TableHtml. */
class TableHtmlTest {

  final TableHtml html = new TableHtml();

  enum Colour { RED, DARK_GREEN }

  static TableView view(Map<String, String> params) {
    TableParams p = TableParams.lenient(params);
    p.text("q");
    p.choice("colour", Colour.class);
    p.date("from");
    List<FilterField> fields = List.of(FilterField.search("Name & <kind>", 3),
        FilterField.choice("colour", "Colour", Colour.class, 2),
        FilterField.choice("sort", "Sort", null, Map.of("newest", "Newest first"), 2),
        FilterField.date("from", "From", 2));
    return TableView.of("/things", "/things/export.csv", p, fields, new CursorPage<>(List.of(), "next-token"));
  }

  static List<CountChip> chips(TableView view) {
    Map<Colour, Long> counts = new EnumMap<>(Map.of(Colour.RED, 3L, Colour.DARK_GREEN, 0L));
    return CountChip.of(Colour.class, counts, view, "colour", c -> c == Colour.RED ? "text-bg-danger" : null);
  }

  @Test
  void the_all_chip_is_active_only_when_the_table_is_not_filtered_by_its_parameter() {
    TableView all = view(Map.of("q", "x"));
    assertThat(html.counts(all, chips(all), "colour", "Things", "/css/t.css"))
        .contains("<a class=\"btn btn-sm btn-dark\" href=\"/things?q=x\">All <span class=\"badge text-bg-light\">3</span>")
        .contains("class=\"btn btn-sm count-chip colour-chip btn-outline-secondary\" href=\"/things?q=x&amp;colour=RED\""
            + " data-colour=\"RED\" data-count=\"3\">")
        .contains("colour-chip btn-outline-secondary opacity-50\"")
        .contains("<span>DARK GREEN</span>\n        <span class=\"badge\">0</span></a>")
        .contains("aria-label=\"Things per colour\"")
        .contains("<span class=\"count-bar colour-bar text-bg-danger\" style=\"width:100%\">")
        .doesNotContain("count-bar-label\">DARK GREEN");

    TableView red = view(Map.of("colour", "RED"));
    assertThat(html.counts(red, chips(red), "colour", "Things", "/css/t.css"))
        .contains("<a class=\"btn btn-sm btn-outline-dark\" href=\"/things\">All ")
        .contains("colour-chip btn-dark\" href=\"/things?colour=RED\"");
  }

  @Test
  void the_filter_bar_escapes_what_was_typed_and_marks_the_chosen_values() {
    TableView v = view(Map.of("q", "<script>alert(1)</script> & co", "colour", "RED", "from", "2026-01-02"));
    String bar = html.filters(v);
    assertThat(bar).contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; co\" placeholder=\"Name &amp; &lt;kind&gt;\">")
        .doesNotContain("<script>")
        .contains("<option value=\"RED\" selected=\"selected\">RED</option>")
        .contains("<option value=\"DARK_GREEN\">DARK_GREEN</option>")
        .contains("<select class=\"form-select form-select-sm\" id=\"f-sort\" name=\"sort\">\n        \n        <option")
        .contains("type=\"date\"\n             value=\"2026-01-02\">")
        .contains("<a class=\"btn btn-sm btn-link\" href=\"/things\">Clear filters</a>");
    assertThat(html.filters(view(Map.of()))).doesNotContain("Clear filters").doesNotContain("selected");
    assertThat(html.export(v)).contains("href=\"/things/export.csv?q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E+%26+co"
        + "&amp;colour=RED&amp;from=2026-01-02\"");
  }

  @Test
  void paging_problems_and_no_match() {
    TableView v = view(Map.of("colour", "BLUE"));
    TableView second = new TableView("/things", Map.of(), Map.of(), List.of(), List.of(), null, "/things?cursor=a",
        "/things", "/things?cursor=next-token");
    assertThat(html.paging(second)).contains("<a class=\"btn btn-sm btn-outline-secondary\" href=\"/things\">First page</a>")
        .contains("href=\"/things?cursor=next-token\" data-testid=\"next-page\">Next page</a>");
    assertThat(html.problems(v)).contains("<div class=\"alert alert-warning\">Unknown colour &quot;BLUE&quot;");
    assertThat(html.problems(view(Map.of()))).isEqualTo("\n  \n");
    assertThat(html.noMatch(v, "things")).contains("No things match these filters")
        .contains("<a href=\"/things\">Show every thing</a>");
    TableView none = TableView.of("/things", null, TableParams.lenient(Map.of()), List.of(),
        new CursorPage<>(List.of(), null));
    assertThat(html.export(none)).isEmpty();
    assertThat(html.paging(none)).isEqualTo("<nav class=\"d-flex gap-2\" aria-label=\"Pages\">\n  \n  \n</nav>");
  }
}
