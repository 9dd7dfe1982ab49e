package org.offerdesk.app.finance.internal;

import java.sql.SQLException;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * A batch of new feed rows in {@code COPY}'s binary format ({@link FeedRowStore#write}): the organization, each
 * typed cell as PostgreSQL stores it (a time as microseconds, an amount as its digits) and the sync, built straight
 * from the file's bytes; a batch with a cell in a form whose value is not certain goes as text ({@link FeedCopy}).
 */
final class FeedBinary {

  private FeedBinary() {}

  /** A batch in {@code COPY}'s binary format: {@code length} bytes of {@code bytes}, {@code rows} rows. */
  record Binary(byte[] bytes, int length, long rows) {}

  /**
   * The rows {@link FeedCopy#copyRows} writes, in {@code COPY}'s binary format instead of its text: PostgreSQL then reads
   * each typed cell as it is stored (a time as microseconds, an amount as digits) rather than parsing its text
   * (bench P4's month, 204,548 rows into a table without indexes: 0.97 against 0.58 server CPU seconds; the five
   * times' input alone was 0.24). Only cells in forms whose value is certain are written so: a time
   * {@code YYYY-MM-DD hh:mm:ss[.ffffff]} (or with a {@code T}) with its offset ({@code Z}, {@code ±hh},
   * {@code ±hhmm}, {@code ±hh:mm}) and a plain decimal ({@code [+-]digits[.digits]}); a batch with any other typed
   * cell (a time without its zone, which the session's time zone decides, an exponent) answers null and goes as
   * text, through the column types' own input, as before. {@code times[c]}: whether the typed cell {@code c} is a
   * {@code timestamptz} (else a {@code numeric}).
   */
  static Binary binaryRows(String organizationId, String syncId, int[] source, FeedTable.Cell[] cells,
      boolean[] times, int keyAt, int columns, FeedReader.Batch records, byte[] reuse) {
    FeedCopy.Bytes out = new FeedCopy.Bytes(reuse, 256 * records.size() + 64);
    out.append(BINARY_HEADER, 0, BINARY_HEADER.length);
    byte[] org = uuid(organizationId);
    byte[] sync = syncId == null ? null : uuid(syncId);
    short fields = (short) (1 + cells.length + (sync == null ? 0 : 1));
    CsvRecord record = new CsvRecord(records.bytes(), columns);
    long n = 0;
    for (int r = 0; r < records.size(); r++) {
      record.split(records.starts()[r], records.ends()[r]);
      if (keyAt >= record.fields() || record.blank(keyAt)) {
        continue;
      }
      out.appendShort(fields);
      out.appendInt(16);
      out.append(org, 0, 16);
      for (int c = 0; c < source.length; c++) {
        int i = source[c];
        boolean blank = i < 0 || i >= record.fields() || record.blank(i);
        switch (cells[c]) {
          case TEXT -> {
            if (blank) {
              out.appendInt(-1);
            } else {
              record.writeRaw(i, out);
            }
          }
          case REQUIRED -> {
            if (blank) {
              out.appendInt(0);
            } else {
              record.writeRaw(i, out);
            }
          }
          case TYPED -> {
            if (blank) {
              out.appendInt(-1);
            } else if (!(times[c] ? record.writeTime(i, out) : record.writeNumeric(i, out))) {
              return null;
            }
          }
          case AMOUNT -> {
            if (blank) {
              writeNumeric(new byte[] {'0'}, 0, 1, out);
            } else if (!record.writeNumeric(i, out)) {
              return null;
            }
          }
          case FLAG -> {
            out.appendInt(1);
            out.append((byte) (!blank && record.isTrue(i) ? 1 : 0));
          }
          case PRESENT -> {
            out.appendInt(1);
            out.append((byte) (blank ? 0 : 1));
          }
        }
      }
      if (sync != null) {
        out.appendInt(16);
        out.append(sync, 0, 16);
      }
      n++;
    }
    out.appendShort((short) -1);
    return new Binary(out.array(), out.length(), n);
  }

  /** Sends a batch built by {@link #binaryRows} ({@code copySql} ends in {@code (FORMAT binary)}); its rows. */
  static long copyBinary(CopyManager copies, String copySql, Binary rows) throws SQLException {
    CopyIn copy = copies.copyIn(copySql);
    try {
      for (int at = 0; at < rows.length(); at += FeedCopy.COPY_CHUNK) {
        copy.writeToCopy(rows.bytes(), at, Math.min(FeedCopy.COPY_CHUNK, rows.length() - at));
      }
      copy.endCopy();
      return rows.rows();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** {@code COPY}'s binary signature, flags and header extension length. */
  private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
      0, 0, 0, 0, 0, 0, 0, 0};

  /** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 (UTC). */
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

  private static byte[] uuid(String id) {
    java.util.UUID u = java.util.UUID.fromString(id);
    byte[] b = new byte[16];
    long hi = u.getMostSignificantBits();
    long lo = u.getLeastSignificantBits();
    for (int k = 0; k < 8; k++) {
      b[k] = (byte) (hi >>> (56 - 8 * k));
      b[8 + k] = (byte) (lo >>> (56 - 8 * k));
    }
    return b;
  }

  /**
   * A plain decimal ({@code [+-]digits[.digits]}, at most 100 characters) as {@code numeric}'s binary form: its
   * base-10,000 digits around the point, weight, sign and display scale (the digits after the point, as
   * {@code numeric}'s text input keeps them); false, writing nothing, for anything else.
   */
  static boolean writeNumeric(byte[] b, int start, int end, FeedCopy.Bytes out) {
    int i = start;
    boolean negative = false;
    if (i < end && (b[i] == '+' || b[i] == '-')) {
      negative = b[i] == '-';
      i++;
    }
    int intStart = i;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    int intEnd = i;
    int fracStart = i;
    int fracEnd = i;
    if (i < end && b[i] == '.') {
      fracStart = ++i;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      fracEnd = i;
      if (fracEnd == fracStart) {
        return false;
      }
    }
    if (i != end || intEnd == intStart || end - start > 100) {
      return false;
    }
    int intDigits = intEnd - intStart;
    int fracDigits = fracEnd - fracStart;
    int intGroups = (intDigits + 3) / 4;
    int fracGroups = (fracDigits + 3) / 4;
    short[] groups = new short[intGroups + fracGroups];
    // integer part, right-aligned to the point
    for (int k = 0; k < intDigits; k++) {
      int fromPoint = intDigits - 1 - k; // 0 for the units digit
      int g = intGroups - 1 - fromPoint / 4;
      groups[g] = (short) (groups[g] + (b[intStart + k] - '0') * POWERS[fromPoint % 4]);
    }
    // fraction, left-aligned to the point
    for (int k = 0; k < fracDigits; k++) {
      int g = intGroups + k / 4;
      groups[g] = (short) (groups[g] + (b[fracStart + k] - '0') * POWERS[3 - k % 4]);
    }
    int first = 0;
    while (first < groups.length && groups[first] == 0) {
      first++;
    }
    int last = groups.length;
    while (last > first && groups[last - 1] == 0) {
      last--;
    }
    int ndigits = last - first;
    int weight = ndigits == 0 ? 0 : intGroups - 1 - first;
    out.appendInt(8 + 2 * ndigits);
    out.appendShort((short) ndigits);
    out.appendShort((short) weight);
    out.appendShort((short) (negative && ndigits > 0 ? 0x4000 : 0));
    out.appendShort((short) fracDigits);
    for (int g = first; g < last; g++) {
      out.appendShort(groups[g]);
    }
    return true;
  }

  private static final int[] POWERS = {1, 10, 100, 1000};

  /**
   * A time {@code YYYY-MM-DD hh:mm:ss[.f…]} (or {@code T} between date and time; up to six fraction digits) with
   * its offset {@code Z}, {@code ±hh}, {@code ±hhmm} or {@code ±hh:mm}, as {@code timestamptz}'s binary form
   * (microseconds since 2000-01-01 UTC); false, writing nothing, for anything else or an impossible date or time.
   */
  static boolean writeTime(byte[] b, int start, int end, FeedCopy.Bytes out) {
    int n = end - start;
    if (n < 20) {
      return false;
    }
    int year = digits(b, start, 4);
    int month = digits(b, start + 5, 2);
    int day = digits(b, start + 8, 2);
    int hour = digits(b, start + 11, 2);
    int minute = digits(b, start + 14, 2);
    int second = digits(b, start + 17, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59 || b[start + 4] != '-' || b[start + 7] != '-'
        || (b[start + 10] != ' ' && b[start + 10] != 'T') || b[start + 13] != ':' || b[start + 16] != ':') {
      return false;
    }
    int i = start + 19;
    long micros = 0;
    if (b[i] == '.') {
      int f = ++i;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      int fraction = i - f;
      if (fraction < 1 || fraction > 6) {
        return false;
      }
      micros = digits(b, f, fraction);
      for (int k = fraction; k < 6; k++) {
        micros *= 10;
      }
    }
    int offsetSeconds;
    if (i < end && b[i] == 'Z' && i + 1 == end) {
      offsetSeconds = 0;
    } else if (i < end && (b[i] == '+' || b[i] == '-')) {
      int sign = b[i] == '-' ? -1 : 1;
      int rest = end - i - 1;
      int hours = rest >= 2 ? digits(b, i + 1, 2) : -1;
      int minutes;
      if (rest == 2) {
        minutes = 0;
      } else if (rest == 4) {
        minutes = digits(b, i + 3, 2);
      } else if (rest == 5 && b[i + 3] == ':') {
        minutes = digits(b, i + 4, 2);
      } else {
        return false;
      }
      if (hours < 0 || hours > 15 || minutes < 0 || minutes > 59) {
        return false;
      }
      offsetSeconds = sign * (hours * 3600 + minutes * 60);
    } else {
      return false;
    }
    long days = daysFromCivil(year, month, day);
    long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    out.appendInt(8);
    out.appendLong(seconds * 1_000_000L + micros - POSTGRES_EPOCH_MICROS);
    return true;
  }

  /** The number written by {@code count} ASCII digits at {@code at}; -1 when one is not a digit. */
  private static int digits(byte[] b, int at, int count) {
    int v = 0;
    for (int k = 0; k < count; k++) {
      byte d = b[at + k];
      if (d < '0' || d > '9') {
        return -1;
      }
      v = v * 10 + (d - '0');
    }
    return v;
  }

  private static int daysIn(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
  private static long daysFromCivil(int year, int month, int day) {
    return java.time.LocalDate.of(year, month, day).toEpochDay();
  }
}
