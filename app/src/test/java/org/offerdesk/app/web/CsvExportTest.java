package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The one CSV writer: RFC 4180 that a standard parser reads back, with spreadsheet formulas defused. */
class CsvExportTest {

  @Test
  void awkward_values_round_trip_through_an_rfc_4180_parser() throws IOException {
    List<String> awkward = Arrays.asList("plain", "a, \"b\"", "two\r\nlines", "lone\nnewline", "", null,
        "  padded  ", "#not a comment", "\"quoted\"", "Zoë € 日本");
    String csv = CsvExport.table(List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"))
        .row(awkward).text();

    try (CSVParser parser = CSVParser.parse(new StringReader(csv),
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      assertThat(parser.getHeaderNames()).containsExactly("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");
      List<CSVRecord> records = parser.getRecords();
      assertThat(records).hasSize(1);
      assertThat(records.get(0).toList()).containsExactly("plain", "a, \"b\"", "two\r\nlines", "lone\nnewline", "",
          "", "  padded  ", "#not a comment", "\"quoted\"", "Zoë € 日本");
    }
  }

  @Test
  void cells_are_quoted_only_where_needed_and_lines_end_in_crlf() {
    String csv = CsvExport.table(List.of("id", "name")).row(List.of("1", "plain"))
        .row(List.of("2", "a, \"b\"")).text();
    assertThat(csv).isEqualTo("id,name\r\n1,plain\r\n2,\"a, \"\"b\"\"\"\r\n");
  }

  @Test
  void a_leading_formula_character_is_made_text() throws IOException {
    List<String> formulas = List.of("=HYPERLINK(\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "a=b", "1-2");
    String csv = CsvExport.table(List.of("a", "b", "c", "d", "e", "f", "g", "h")).row(formulas).text();

    assertThat(csv.split("\r\n", 2)[1]).startsWith("\"'=HYPERLINK(\"\"x\"\")\",'+1+1,'-2+3,'@SUM(A1),");
    try (CSVParser parser = CSVParser.parse(new StringReader(csv),
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      assertThat(parser.getRecords().get(0).toList()).containsExactly("'=HYPERLINK(\"x\")", "'+1+1", "'-2+3",
          "'@SUM(A1)", "'\tTAB", "'\rCR", "a=b", "1-2");
    }
  }

  @Test
  void a_streamed_table_writes_to_its_target() {
    StringBuilder target = new StringBuilder();
    CsvExport.streamedTo(target, List.of("id")).row(List.of("1")).flush();
    assertThat(target).hasToString("id\r\n1\r\n");
  }

  @Test
  void the_download_is_utf8_csv_with_its_filename() {
    var response = CsvExport.attachment("orders.csv", "id\r\n");
    assertThat(response.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
    assertThat(response.getHeaders().getFirst("Content-Disposition")).isEqualTo("attachment; filename=\"orders.csv\"");
    assertThat(response.getBody()).isEqualTo("id\r\n");
  }
}
