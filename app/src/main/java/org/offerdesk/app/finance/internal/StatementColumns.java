package org.offerdesk.app.finance.internal;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;

/**
 * How an organization's bank writes its statement CSV, mapped once and kept: which column (counted from 1)
 * holds the booking date, the amount and the reference or description, optionally the currency (else every
 * row is in {@code currency}), whether the first row is a header, and the order of day, month and year in
 * its dates.
 */
record StatementColumns(int dateColumn, int amountColumn, int referenceColumn, Integer currencyColumn,
    boolean headerRow, DateOrder dateOrder, String currency) {

  /** The order of day, month and year in a numeric date; a year first is always read as year-month-day. */
  enum DateOrder { YEAR_MONTH_DAY, DAY_MONTH_YEAR, MONTH_DAY_YEAR }

  static final int MAX_COLUMN = 100;

  /** Until the organization maps its bank's columns: date, amount, reference, with a header row, in USD. */
  static final StatementColumns DEFAULT = new StatementColumns(1, 2, 3, null, true, DateOrder.YEAR_MONTH_DAY, "USD");

  /** The mapping as a person or the API sent it, each field checked. */
  static StatementColumns parse(String date, String amount, String reference, String currencyColumn,
      Boolean headerRow, String dateOrder, String currency) {
    List<FieldError> errors = new ArrayList<>();
    Integer d = column("dateColumn", date, true, errors);
    Integer a = column("amountColumn", amount, true, errors);
    Integer r = column("referenceColumn", reference, true, errors);
    Integer c = column("currencyColumn", currencyColumn, false, errors);
    DateOrder order = DateOrder.YEAR_MONTH_DAY;
    if (dateOrder != null && !dateOrder.isBlank()) {
      try {
        order = DateOrder.valueOf(dateOrder.strip());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("dateOrder", "must be one of YEAR_MONTH_DAY, DAY_MONTH_YEAR, MONTH_DAY_YEAR"));
      }
    }
    String code = currency == null || currency.isBlank() ? "USD" : currency.strip();
    try {
      if (!code.matches("[A-Z]{3}")) {
        throw new IllegalArgumentException(code);
      }
      Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("currency", "must be a three-letter currency code such as USD"));
    }
    if (errors.isEmpty()) {
      List<Integer> used = new ArrayList<>(List.of(d, a, r));
      if (c != null) {
        used.add(c);
      }
      if (used.stream().distinct().count() < used.size()) {
        errors.add(new FieldError("columns", "each column can be mapped once: date, amount, reference"
            + " and currency need different columns"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return new StatementColumns(d, a, r, c, headerRow == null || headerRow, order, code);
  }

  private static Integer column(String field, String value, boolean required, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "is required: the column's number, counted from 1"));
      }
      return null;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= MAX_COLUMN) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    errors.add(new FieldError(field, "must be a column number from 1 to " + MAX_COLUMN));
    return null;
  }
}
