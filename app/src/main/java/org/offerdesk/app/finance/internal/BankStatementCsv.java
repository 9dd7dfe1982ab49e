package org.offerdesk.app.finance.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.money.Money;

/**
 * Reads a bank statement CSV with the organization's {@link StatementColumns}: the credits on it become
 * deposits; withdrawals (negative amounts, in any of the ways banks write them) and zero lines are counted
 * and left out. Amounts may carry thousands separators and a currency sign; dates may be ISO, numeric with
 * {@code / . -} in the mapped order, or with a month name. Every row that cannot be read is reported with its
 * row number in the file (the header is row 1), and then nothing is read at all.
 */
final class BankStatementCsv {

  /** A credit line of the statement, with its row number in the file. */
  record Line(int row, LocalDate bookedOn, Money amount, String reference) {}

  /** What the file held: its credits, and how many rows were withdrawals or zero. */
  record Read(List<Line> deposits, int rows, int ignored) {}

  static final int MAX_ERRORS = 20;
  static final int MAX_REFERENCE = 500;
  private static final Pattern NUMERIC_DATE = Pattern.compile("(\\d{1,4})[./-](\\d{1,2})[./-](\\d{1,4})");
  private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  private static final List<DateTimeFormatter> NAMED_MONTHS = List.of(named("d MMM uuuu"), named("d-MMM-uuuu"),
      named("MMM d, uuuu"), named("d MMMM uuuu"), named("MMMM d, uuuu"));

  private BankStatementCsv() {}

  static Read read(String csv, StatementColumns columns) {
    if (csv == null || csv.isBlank()) {
      throw new InvalidInput("csv", "is empty: upload the bank statement as CSV");
    }
    String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
    List<Line> lines = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    int rows = 0;
    int ignored = 0;
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter(text)).setIgnoreEmptyLines(true)
        .setTrim(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      for (CSVRecord record : parser) {
        int row = (int) record.getRecordNumber();
        if (row == 1 && columns.headerRow()) {
          continue;
        }
        rows++;
        try {
          Line line = line(record, row, columns);
          if (line == null) {
            ignored++;
          } else {
            lines.add(line);
          }
        } catch (RowError e) {
          if (errors.size() < MAX_ERRORS) {
            errors.add(new FieldError("rows[" + row + "]." + e.column, "row " + row + ": " + e.getMessage()));
          }
        }
      }
    } catch (IOException | IllegalStateException | UncheckedIOException e) {
      // Commons CSV reports a quote left open and similar breakage this way
      throw new InvalidInput("csv", "is not readable CSV: " + e.getMessage());
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    if (rows == 0) {
      throw new InvalidInput("csv", "has no rows" + (columns.headerRow() ? " below its header" : ""));
    }
    return new Read(List.copyOf(lines), rows, ignored);
  }

  /** A row that cannot be read, and the column that is wrong. */
  private static final class RowError extends RuntimeException {
    final String column;

    RowError(String column, String message) {
      super(message, null, false, false);
      this.column = column;
    }
  }

  /** The row's credit, or null for a withdrawal or a zero line. */
  private static Line line(CSVRecord r, int row, StatementColumns c) {
    String dateText = cell(r, c.dateColumn(), "date");
    String amountText = cell(r, c.amountColumn(), "amount");
    String reference = cell(r, c.referenceColumn(), "reference");
    String currency = c.currencyColumn() == null ? c.currency() : cell(r, c.currencyColumn(), "currency");
    BigDecimal amount = amount(amountText);
    if (amount.signum() <= 0) {
      return null;
    }
    LocalDate date = date(dateText, c.dateOrder());
    String code = currency.toUpperCase(Locale.ROOT);
    try {
      if (!code.matches("[A-Z]{3}")) {
        throw new IllegalArgumentException(code);
      }
      Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new RowError("currency", "currency '" + currency + "' is not a currency code such as USD");
    }
    if (reference.length() > MAX_REFERENCE) {
      reference = reference.substring(0, MAX_REFERENCE);
    }
    return new Line(row, date, Money.of(amount, code), reference);
  }

  private static String cell(CSVRecord r, int column, String name) {
    if (column > r.size()) {
      throw new RowError(name, "has " + r.size() + " column(s), but the " + name + " is mapped to column " + column);
    }
    return r.get(column - 1);
  }

  /**
   * An amount as banks write it: "1,234.56", "1.234,56", "1 234.56", "$1,234.56", "-12.00", "(12.00)",
   * "12.00-", "12.00 DR", "+12.00". With both '.' and ',' the last one is the decimal point; a lone separator
   * followed by three digits (or repeated) groups thousands, else it is the decimal point ("12,5").
   */
  static BigDecimal amount(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    boolean negative = false;
    if (t.startsWith("(") && t.endsWith(")")) {
      negative = true;
      t = t.substring(1, t.length() - 1);
    }
    if (t.endsWith("DR") || t.endsWith("DB")) {
      negative = true;
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("CR")) {
      t = t.substring(0, t.length() - 2);
    }
    t = t.replaceAll("[\\s\\u00A0'$€£¥]|[A-Z]{3}", "");
    if (t.endsWith("-")) {
      negative = true;
      t = t.substring(0, t.length() - 1);
    }
    if (t.startsWith("-")) {
      negative = !negative;
      t = t.substring(1);
    } else if (t.startsWith("+")) {
      t = t.substring(1);
    }
    if (!t.matches("[0-9.,]*[0-9]") || t.isEmpty()) {
      throw new RowError("amount", "amount '" + text + "' is not an amount");
    }
    String digits;
    boolean dots = t.indexOf('.') >= 0;
    boolean commas = t.indexOf(',') >= 0;
    if (dots && commas) {
      int decimal = Math.max(t.lastIndexOf('.'), t.lastIndexOf(','));
      digits = t.substring(0, decimal).replaceAll("[.,]", "") + "." + t.substring(decimal + 1);
    } else if (dots || commas) {
      char separator = dots ? '.' : ',';
      int first = t.indexOf(separator);
      int last = t.lastIndexOf(separator);
      boolean thousands = first != last || t.length() - last - 1 == 3;
      if (thousands && !t.matches("\\d{1,3}(" + Pattern.quote(String.valueOf(separator)) + "\\d{3})+")) {
        throw new RowError("amount", "amount '" + text + "' is not an amount");
      }
      digits = thousands ? t.replace(String.valueOf(separator), "") : t.replace(separator, '.');
    } else {
      digits = t;
    }
    BigDecimal value = new BigDecimal(digits);
    return negative ? value.negate() : value;
  }

  /** A date as banks write it, numeric in the mapped order or with a month name; a time after it is ignored. */
  static LocalDate date(String text, StatementColumns.DateOrder order) {
    String t = text.strip();
    int timeAt = t.indexOf('T') > 0 && t.indexOf('T') >= 8 ? t.indexOf('T') : -1;
    if (timeAt > 0) {
      t = t.substring(0, timeAt);
    }
    Matcher numeric = NUMERIC_DATE.matcher(t);
    try {
      if (numeric.lookingAt() && (numeric.end() == t.length() || t.charAt(numeric.end()) == ' ')) {
        int a = Integer.parseInt(numeric.group(1));
        int b = Integer.parseInt(numeric.group(2));
        int c = Integer.parseInt(numeric.group(3));
        if (numeric.group(1).length() == 4) {
          return LocalDate.of(a, b, c);
        }
        if (numeric.group(3).length() != 4) {
          throw new DateTimeException("two-digit year");
        }
        return order == StatementColumns.DateOrder.MONTH_DAY_YEAR ? LocalDate.of(c, a, b) : LocalDate.of(c, b, a);
      }
      Matcher compact = COMPACT_DATE.matcher(t);
      if (compact.matches()) {
        return LocalDate.of(Integer.parseInt(compact.group(1)), Integer.parseInt(compact.group(2)),
            Integer.parseInt(compact.group(3)));
      }
    } catch (DateTimeException e) {
      throw new RowError("date", "date '" + text + "' is not a date (read as " + describe(order) + ")");
    }
    for (DateTimeFormatter f : NAMED_MONTHS) {
      try {
        return LocalDate.parse(t, f);
      } catch (DateTimeException e) {
        // try the next way of writing it
      }
    }
    throw new RowError("date", "date '" + text + "' is not a date such as 2026-12-03 or " + example(order));
  }

  private static String describe(StatementColumns.DateOrder order) {
    return switch (order) {
      case DAY_MONTH_YEAR -> "day/month/year";
      case MONTH_DAY_YEAR -> "month/day/year";
      case YEAR_MONTH_DAY -> "year-month-day";
    };
  }

  private static String example(StatementColumns.DateOrder order) {
    return order == StatementColumns.DateOrder.MONTH_DAY_YEAR ? "12/03/2026" : "03/12/2026";
  }

  private static DateTimeFormatter named(String pattern) {
    return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
  }

  /** Semicolon-separated files (common where the comma is the decimal point) are read as such. */
  private static char delimiter(String text) {
    int end = text.indexOf('\n');
    String first = end < 0 ? text : text.substring(0, end);
    long semicolons = first.chars().filter(ch -> ch == ';').count();
    long commas = first.chars().filter(ch -> ch == ',').count();
    return semicolons > commas ? ';' : ',';
  }
}
