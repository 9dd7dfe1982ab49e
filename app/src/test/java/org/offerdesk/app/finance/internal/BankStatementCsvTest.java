package org.offerdesk.app.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.finance.internal.StatementColumns.DateOrder;

/** Reading bank statement CSV with a column mapping: amounts, dates, withdrawals and errors by row. */
class BankStatementCsvTest {

  static final StatementColumns DEFAULT = StatementColumns.DEFAULT;

  @Test
  void credits_become_deposits_and_withdrawals_are_left_out() {
    String csv = """
        Date,Amount,Description
        2026-03-02,"1,234.56","AWS EMEA SARL, trace TRC-1"
        2026-03-03,-50.00,Card payment
        2026-03-04,(12.00),Fee
        2026-03-05,0.00,Nothing
        2026-03-06,99,"Say ""hi"" now"
        """;
    BankStatementCsv.Read read = BankStatementCsv.read(csv, DEFAULT);
    assertThat(read.rows()).isEqualTo(5);
    assertThat(read.ignored()).isEqualTo(3);
    assertThat(read.deposits()).extracting(BankStatementCsv.Line::row).containsExactly(2, 6);
    assertThat(read.deposits().get(0).amount().plain()).isEqualTo("1234.56");
    assertThat(read.deposits().get(0).reference()).isEqualTo("AWS EMEA SARL, trace TRC-1");
    assertThat(read.deposits().get(1).reference()).isEqualTo("Say \"hi\" now");
    assertThat(read.deposits().get(1).amount().currency().getCurrencyCode()).isEqualTo("USD");
  }

  @Test
  void columns_in_another_order_without_a_header_with_a_currency_column() {
    StatementColumns columns = StatementColumns.parse("3", "1", "2", "4", false, "DAY_MONTH_YEAR", "USD");
    String csv = "\"1.234,56\";Payout AWS;05.03.2026;EUR\n";
    BankStatementCsv.Line line = BankStatementCsv.read(csv, columns).deposits().get(0);
    assertThat(line.bookedOn()).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(line.amount().plain()).isEqualTo("1234.56");
    assertThat(line.amount().currency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(line.row()).isEqualTo(1);
  }

  @Test
  void amounts_as_banks_write_them() {
    assertThat(BankStatementCsv.amount("1,234,567.89")).isEqualByComparingTo("1234567.89");
    assertThat(BankStatementCsv.amount("1.234.567,89")).isEqualByComparingTo("1234567.89");
    assertThat(BankStatementCsv.amount("1 234,5")).isEqualByComparingTo("1234.5");
    assertThat(BankStatementCsv.amount("$1,234")).isEqualByComparingTo("1234");
    assertThat(BankStatementCsv.amount("12,50")).isEqualByComparingTo("12.50");
    assertThat(BankStatementCsv.amount("+12.50 CR")).isEqualByComparingTo("12.50");
    assertThat(BankStatementCsv.amount("12.50 DR").signum()).isNegative();
    assertThat(BankStatementCsv.amount("12.50-").signum()).isNegative();
    assertThat(BankStatementCsv.amount("USD 80.00")).isEqualByComparingTo(new BigDecimal("80.00"));
  }

  @Test
  void dates_in_common_formats() {
    assertThat(BankStatementCsv.date("2026-03-05", DateOrder.YEAR_MONTH_DAY)).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(BankStatementCsv.date("2026/03/05 14:22", DateOrder.DAY_MONTH_YEAR)).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(BankStatementCsv.date("2026-03-05T10:00:00Z", DateOrder.YEAR_MONTH_DAY)).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(BankStatementCsv.date("03/05/2026", DateOrder.MONTH_DAY_YEAR)).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(BankStatementCsv.date("05/03/2026", DateOrder.DAY_MONTH_YEAR)).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(BankStatementCsv.date("20260305", DateOrder.YEAR_MONTH_DAY)).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(BankStatementCsv.date("5 Mar 2026", DateOrder.YEAR_MONTH_DAY)).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(BankStatementCsv.date("March 5, 2026", DateOrder.YEAR_MONTH_DAY)).isEqualTo(LocalDate.of(2026, 3, 5));
  }

  @Test
  void every_bad_row_is_named_by_its_row_number_and_nothing_is_read() {
    String csv = """
        Date,Amount,Description
        2026-03-02,100.00,fine
        2026-02-30,100.00,no such day
        2026-03-04,1O0.00,letter O
        2026-03-05,100.00
        """;
    assertThatThrownBy(() -> BankStatementCsv.read(csv, DEFAULT)).isInstanceOfSatisfying(InvalidInput.class, e ->
        assertThat(e.errors()).extracting(f -> f.field() + " " + f.message()).containsExactly(
            "rows[3].date row 3: date '2026-02-30' is not a date (read as year-month-day)",
            "rows[4].amount row 4: amount '1O0.00' is not an amount",
            "rows[5].reference row 5: has 2 column(s), but the reference is mapped to column 3"));
  }

  @Test
  void an_empty_file_a_header_alone_and_broken_quoting_are_refused() {
    assertThatThrownBy(() -> BankStatementCsv.read("", DEFAULT)).isInstanceOf(InvalidInput.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> BankStatementCsv.read("Date,Amount,Description\n", DEFAULT))
        .isInstanceOf(InvalidInput.class).hasMessageContaining("no rows");
    assertThatThrownBy(() -> BankStatementCsv.read("Date,Amount,Description\n2026-03-02,\"100.00,oops\n", DEFAULT))
        .isInstanceOf(InvalidInput.class).hasMessageContaining("csv");
  }

  @Test
  void a_mapping_is_checked_field_by_field() {
    assertThatThrownBy(() -> StatementColumns.parse("0", "x", null, "101", true, "SOMETIMES", "usd"))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(f -> f.field())
            .containsExactly("dateColumn", "amountColumn", "referenceColumn", "currencyColumn", "dateOrder", "currency"));
    assertThatThrownBy(() -> StatementColumns.parse("1", "1", "2", null, true, null, "USD"))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("columns"));
  }
}
