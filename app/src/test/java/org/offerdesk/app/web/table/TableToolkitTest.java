package org.offerdesk.app.web.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.web.ApiProblem;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.ProblemType;

/** The table toolkit on its own: the one cursor format, reading a list's parameters, links and CSV. */
class TableToolkitTest {

  enum Colour { RED, GREEN }

  record Row(UUID id, Instant at, String name) {}

  static final SortKey<Row> NEWEST = SortKey.byId("newest", "created_at", SortKey.Type.TIMESTAMP, true,
      r -> r.at().toString(), Row::id);
  static final SortKey<Row> NAME = SortKey.byId("name", "lower(name)", SortKey.Type.TEXT, false, Row::name,
      Row::id);

  @Test
  void a_cursor_comes_back_as_it_was_written() {
    Row row = new Row(UUID.randomUUID(), Instant.parse("2026-03-01T10:15:30.123456Z"), "Zürich: a \"deal\"");
    Cursor written = NAME.after(row);
    String token = written.encode();
    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(NAME.read(token)).isEqualTo(new Cursor("name", row.name(), row.id().toString()));
    assertThat(NEWEST.read(NEWEST.after(row).encode()).value()).isEqualTo("2026-03-01T10:15:30.123456Z");
    assertThat(NAME.read(null)).isNull();
    assertThat(NAME.read("  ")).isNull();
  }

  @Test
  void the_time_ordered_lists_use_the_same_format() {
    CursorPage.Position at = new CursorPage.Position(Instant.parse("2026-01-02T03:04:05.000006Z"), UUID.randomUUID());
    String token = CursorPage.encode(at);
    assertThat(CursorPage.decode(token)).isEqualTo(at);
    assertThat(Cursor.decode(token, "time").key()).isEqualTo(at.id().toString());
  }

  @Test
  void a_tampered_cursor_is_refused() {
    Row row = new Row(UUID.randomUUID(), Instant.parse("2026-03-01T10:15:30Z"), "acme");
    String token = NAME.after(row).encode();
    String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    String edited = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(text.replace("acme", "zeta").getBytes(StandardCharsets.UTF_8));

    assertRefused(() -> NAME.read(edited));
    assertRefused(() -> NAME.read(token.substring(0, token.length() - 2)));
    assertRefused(() -> NAME.read("not a cursor!"));
    // A cursor of one order does not resume another.
    assertRefused(() -> NEWEST.read(token));
    // A well-formed cursor whose value is not of the sort's type (written by hand, check and all) is refused too.
    assertRefused(() -> NEWEST.read(new Cursor("newest", "yesterday", row.id().toString()).encode()));
    assertRefused(() -> NAME.read(new Cursor("name", "acme", "not-a-uuid").encode()));
    assertRefused(() -> CursorPage.decode(token));
  }

  @Test
  void strict_parameters_refuse_every_bad_value_at_once() {
    TableParams p = TableParams.strict(Map.of("colour", "BLUE", "from", "2026-13-01", "limit", "500",
        "sort", "colour", "q", "  acme  "));
    assertThat(p.choice("colour", Colour.class)).isNull();
    assertThat(p.date("from")).isNull();
    assertThat(p.limit(50)).isEqualTo(50);
    assertThat(p.sort(Map.of("name", NAME, "newest", NEWEST), NEWEST, NAME)).isSameAs(NEWEST);
    assertThat(p.text("q")).isEqualTo("acme");
    assertThatThrownBy(p::valid).isInstanceOfSatisfying(ApiProblem.class, e -> {
      assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
      assertThat(e.errors()).extracting(ApiProblem.FieldError::field).containsExactly("colour", "from", "limit", "sort");
      assertThat(e.errors().get(0).message()).isEqualTo("must be one of RED, GREEN");
    });
  }

  @Test
  void good_parameters_are_typed_and_kept_for_the_links() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("q", "acme");
    raw.put("colour", "GREEN");
    raw.put("from", "2026-02-28");
    raw.put("sort", "name");
    raw.put("limit", "10");
    raw.put("unrelated", "x");
    TableParams p = TableParams.strict(raw);
    assertThat(p.text("q")).isEqualTo("acme");
    assertThat(p.choice("colour", Colour.class)).isEqualTo(Colour.GREEN);
    assertThat(p.date("from")).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(p.sort(Map.of("name", NAME, "newest", NEWEST), NEWEST, NAME)).isSameAs(NAME);
    assertThat(p.limit(50)).isEqualTo(10);
    assertThat(p.valid().filters()).containsExactly(Map.entry("q", "acme"), Map.entry("colour", "GREEN"),
        Map.entry("from", "2026-02-28"));
    assertThat(p.kept()).containsKeys("sort", "limit").doesNotContainKey("unrelated");
  }

  @Test
  void lenient_parameters_ignore_bad_values_and_say_so() {
    Row row = new Row(UUID.randomUUID(), Instant.now(), "a");
    TableParams p = TableParams.lenient(Map.of("colour", "BLUE", "cursor", NAME.after(row).encode(), "limit", "0"));
    assertThat(p.choice("colour", Colour.class)).isNull();
    assertThat(p.cursor(NEWEST)).isNull();
    assertThat(p.limit(50)).isEqualTo(50);
    assertThat(p.valid().problems()).containsExactly("Unknown colour \"BLUE\"; that filter is ignored.",
        "That page link is not valid any more; showing the first page.",
        "A page holds 1 to 200 rows; showing 50.");
  }

  @Test
  void the_view_links_keep_the_filters_and_the_export_keeps_only_the_filters() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("colour", "RED");
    raw.put("q", "a b&c");
    raw.put("sort", "name");
    Row row = new Row(UUID.randomUUID(), Instant.now(), "a");
    String cursor = NAME.after(row).encode();
    raw.put("cursor", cursor);
    TableParams p = TableParams.lenient(raw);
    p.choice("colour", Colour.class);
    p.text("q");
    SortKey<Row> sort = p.sort(Map.of("name", NAME, "newest", NEWEST), NEWEST, NAME);
    p.cursor(sort);
    TableView view = TableView.of("/things", "/things/export.csv", p, List.of(), new CursorPage<>(List.of(row), "NEXT"));

    assertThat(view.exportUrl()).isEqualTo("/things/export.csv?colour=RED&q=a+b%26c");
    assertThat(view.firstPageUrl()).isEqualTo("/things?colour=RED&q=a+b%26c&sort=name");
    assertThat(view.nextUrl()).isEqualTo("/things?colour=RED&q=a+b%26c&sort=name&cursor=NEXT");
    assertThat(view.selfUrl()).endsWith("&cursor=" + cursor);
    assertThat(view.with("colour", "GREEN")).isEqualTo("/things?colour=GREEN&q=a+b%26c&sort=name");
    assertThat(view.without("colour")).isEqualTo("/things?q=a+b%26c&sort=name");
    assertThat(view.filtered()).isTrue();
    assertThat(view.withoutExport().exportUrl()).isNull();
  }

  @Test
  void count_chips_filter_by_their_value() {
    TableParams p = TableParams.lenient(Map.of("colour", "GREEN"));
    p.choice("colour", Colour.class);
    TableView view = TableView.of("/things", null, p, List.of(), new CursorPage<>(List.of(), null));
    List<CountChip> chips = CountChip.of(Colour.class, Map.of(Colour.RED, 1L, Colour.GREEN, 200L), view, "colour",
        c -> "style-" + c);
    assertThat(chips).extracting(CountChip::value).containsExactly("RED", "GREEN");
    assertThat(chips.get(0).percent()).isEqualTo(2);
    assertThat(chips.get(1).percent()).isEqualTo(100);
    assertThat(chips.get(1).active()).isTrue();
    assertThat(chips.get(0).url()).isEqualTo("/things?colour=RED");
    assertThat(CountChip.total(chips)).isEqualTo(201);
  }

  @Test
  void the_csv_export_writes_a_header_and_a_line_per_row() {
    List<CsvColumn<Row>> columns = List.of(CsvColumn.of("name", Row::name), CsvColumn.of("at", Row::at));
    String csv = CsvColumn.csv(columns, out -> {
      out.accept(new Row(null, Instant.parse("2026-01-01T00:00:00Z"), "a, \"quoted\" name"));
      out.accept(new Row(null, null, "=1+1"));
    });
    assertThat(csv).isEqualTo("name,at\r\n\"a, \"\"quoted\"\" name\",2026-01-01T00:00:00Z\r\n'=1+1,\r\n");
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable read) {
    assertThatThrownBy(read).isInstanceOfSatisfying(ApiProblem.class, e -> {
      assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
      assertThat(e.errors()).extracting(ApiProblem.FieldError::field).containsExactly("cursor");
    });
  }
}
