package org.offerdesk.app.dashboard.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;

/**
 * The days a dashboard covers, both included: this month, quarter or year around {@code today}, or a custom
 * range. Days are UTC days, as the tables' date filters.
 */
record Period(Kind kind, LocalDate from, LocalDate to) {

  /** How the period was chosen. */
  enum Kind { MONTH, QUARTER, YEAR, CUSTOM }

  /** Longest custom range: five years of months is as much as a chart can show. */
  static final int MAX_MONTHS = 60;

  static Period of(Kind kind, LocalDate today) {
    return switch (kind) {
      case MONTH -> new Period(kind, today.withDayOfMonth(1), YearMonth.from(today).atEndOfMonth());
      case QUARTER -> {
        LocalDate start = today.with(IsoFields.DAY_OF_QUARTER, 1);
        yield new Period(kind, start, start.plusMonths(3).minusDays(1));
      }
      case YEAR -> new Period(kind, today.withDayOfYear(1), today.withDayOfYear(1).plusYears(1).minusDays(1));
      case CUSTOM -> throw new IllegalArgumentException("a custom period has its own dates");
    };
  }

  /**
   * The period the request names: {@code from} and {@code to} together (a custom range), or neither
   * (the {@code kind} around today, this quarter when none is named). Refuses what cannot be a period.
   */
  static Period parse(String kind, String from, String to, LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    Kind chosen = null;
    if (kind != null && !kind.isBlank()) {
      try {
        chosen = Kind.valueOf(kind.strip().toUpperCase());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("period", "must be month, quarter, year or custom"));
      }
    }
    LocalDate start = date("from", from, errors);
    LocalDate end = date("to", to, errors);
    boolean custom = start != null || end != null || chosen == Kind.CUSTOM;
    if (errors.isEmpty() && custom) {
      if (start == null || end == null) {
        errors.add(new FieldError(start == null ? "from" : "to", "is needed with " + (start == null ? "to" : "from")));
      } else if (end.isBefore(start)) {
        errors.add(new FieldError("to", "must not be before from"));
      } else if (ChronoUnit.MONTHS.between(YearMonth.from(start), YearMonth.from(end)) >= MAX_MONTHS) {
        errors.add(new FieldError("to", "must be within " + MAX_MONTHS + " months of from"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return custom ? new Period(Kind.CUSTOM, start, end) : of(chosen == null ? Kind.QUARTER : chosen, today);
  }

  private static LocalDate date(String name, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (java.time.format.DateTimeParseException e) {
      errors.add(new FieldError(name, "must be a date (YYYY-MM-DD)"));
      return null;
    }
  }

  /** Every month the period touches, in order. */
  List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /** The days of {@code month} inside the period. */
  LocalDate firstDayIn(YearMonth month) {
    return month.atDay(1).isBefore(from) ? from : month.atDay(1);
  }

  LocalDate lastDayIn(YearMonth month) {
    return month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
  }
}
