package org.offerdesk.app.web.table;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.offerdesk.app.web.CsvExport;

/**
 * A column of a table's CSV export: its header and how a row's cell is written (null is written empty).
 * {@link #csv} writes every row a store hands over, through {@link CsvExport}.
 */
public record CsvColumn<T>(String header, Function<T, String> cell) {

  /** A column whose cell is the value's text, or empty for null. */
  public static <T> CsvColumn<T> of(String header, Function<T, ?> value) {
    return new CsvColumn<>(header, row -> {
      Object v = value.apply(row);
      return v == null ? null : v.toString();
    });
  }

  /** The CSV text of the rows {@code rows} passes to its consumer, one line per row, under a header line. */
  public static <T> String csv(List<CsvColumn<T>> columns, Consumer<Consumer<T>> rows) {
    CsvExport out = CsvExport.table(columns.stream().map(CsvColumn::header).toList());
    rows.accept(row -> out.row(columns.stream().map(c -> c.cell().apply(row)).toList()));
    return out.text();
  }
}
