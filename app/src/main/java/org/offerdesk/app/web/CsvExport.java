package org.offerdesk.app.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one way OfferDesk writes CSV: RFC 4180 through Apache Commons CSV (quotes only where needed, doubled
 * quotes, CRLF line ends), so whoever reads our files, or AWS's feed files, can use the same library.
 * A cell that starts with {@code = + - @}, a tab or a carriage return is prefixed with {@code '} so a spreadsheet
 * shows it as text instead of running it as a formula (CSV injection).
 */
public final class CsvExport {

  /** {@code text/csv} in UTF-8, what every export declares. */
  public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private static final String FORMULA_STARTS = "=+-@\t\r";

  private final Appendable out;
  private final CSVPrinter printer;

  private CsvExport(Appendable out, List<String> header) {
    this.out = out;
    try {
      this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
      printer.printRecord(header);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A table kept in memory; {@link #text()} returns it. */
  public static CsvExport table(List<String> header) {
    return new CsvExport(new StringBuilder(), header);
  }

  /** A table written straight to {@code out} (a response writer, say) as rows are added. */
  public static CsvExport streamedTo(Appendable out, List<String> header) {
    return new CsvExport(out, header);
  }

  /** Adds one row; a null cell is written empty. */
  public CsvExport row(List<String> cells) {
    try {
      printer.printRecord(cells.stream().map(CsvExport::defused).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Flushes what was written so far to the target. */
  public void flush() {
    try {
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The table written so far (for a table kept in memory). */
  public String text() {
    return out.toString();
  }

  /** A download of {@code csv} named {@code filename}. */
  public static ResponseEntity<String> attachment(String filename, String csv) {
    return ResponseEntity.ok().contentType(TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").body(csv);
  }

  /** The cell as a spreadsheet should see it: empty for null, a leading formula character made text. */
  static String defused(String value) {
    if (value == null) {
      return "";
    }
    return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }
}
