package org.offerdesk.app.finance.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * A batch of feed records sent to its staging table by {@code COPY}, straight from the file's bytes
 * ({@link FeedRowStore#write} then keeps the latest version of each key).
 */
final class FeedCopy {

  /** Characters of COPY text sent at a time, while the next rows are written. */
  private static final int COPY_CHUNK = 1 << 16;

  private FeedCopy() {}

  /**
   * Streams the records' cells (COPY's text format) into the staging table; answers how many rows. Works on the
   * file's bytes: each record is split into fields where it lies ({@link CsvRecord}) and only the staged cells are
   * copied out, stripped of surrounding whitespace, unquoted and escaped; a record's cells never become strings
   * (at a million rows, splitting them into strings and writing those again was most of the sync's CPU).
   */
  static long copy(CopyManager copies, String stagingTable, int[] source, int keyAt, int columns,
      FeedReader.Batch records) throws SQLException {
    return stream(copies, "COPY " + stagingTable + " FROM STDIN", keyAt, columns, records, (record, text, n) -> {
      for (int i : source) {
        if (i >= 0 && i < record.fields()) {
          record.writeStripped(i, text);
        }
        text.append((byte) '\t');
      }
      text.appendNumber(n);
    });
  }

  /**
   * Streams the records straight into the feed's table by {@code COPY} (its {@code copySql} names the columns:
   * {@code organization_id}, the feed's own, the versioning ones as {@code valid_from, update_date, deleted}, then
   * {@code sync_id} when {@code syncId} is not null); answers how many rows. Each cell is written as the staging
   * path's cast makes it ({@link FeedTable.Cell}: an empty text or typed cell is NULL, an empty amount 0, a flag
   * {@code t} or {@code f}, a non-empty delete date {@code deleted}), so the rows stored are those the plain insert
   * from the staging table stored; the typed cells go through the column type's own input, as the cast did. A
   * batch with a key already stored, or twice, fails on the primary key (the caller then writes it by the upsert).
   */
  static long copyRows(CopyManager copies, String copySql, String organizationId, String syncId, int[] source,
      FeedTable.Cell[] cells, int keyAt, int columns, FeedReader.Batch records) throws SQLException {
    byte[] org = organizationId.getBytes(StandardCharsets.US_ASCII);
    byte[] sync = syncId == null ? null : syncId.getBytes(StandardCharsets.US_ASCII);
    return stream(copies, copySql, keyAt, columns, records, (record, text, n) -> {
      text.append(org, 0, org.length);
      for (int c = 0; c < source.length; c++) {
        text.append((byte) '\t');
        int i = source[c];
        boolean blank = i < 0 || i >= record.fields() || record.blank(i);
        switch (cells[c]) {
          case TEXT, TYPED -> {
            if (blank) {
              text.append((byte) '\\');
              text.append((byte) 'N');
            } else {
              record.writeStripped(i, text);
            }
          }
          case REQUIRED -> {
            if (!blank) {
              record.writeStripped(i, text);
            }
          }
          case AMOUNT -> {
            if (blank) {
              text.append((byte) '0');
            } else {
              record.writeStripped(i, text);
            }
          }
          case FLAG -> text.append((byte) (!blank && record.isTrue(i) ? 't' : 'f'));
          case PRESENT -> text.append((byte) (blank ? 'f' : 't'));
        }
      }
      if (sync != null) {
        text.append((byte) '\t');
        text.append(sync, 0, sync.length);
      }
    });
  }

  /** A batch in {@code COPY}'s binary format: {@code length} bytes of {@code bytes}, {@code rows} rows. */
  record Binary(byte[] bytes, int length, long rows) {}

  /**
   * The rows {@link #copyRows} writes, in {@code COPY}'s binary format instead of its text: PostgreSQL then reads
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
      boolean[] times, int keyAt, int columns, FeedReader.Batch records) {
    Bytes out = new Bytes(256 * records.size() + 64);
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
    return new Binary(out.bytes, out.length, n);
  }

  /** Sends a batch built by {@link #binaryRows} ({@code copySql} ends in {@code (FORMAT binary)}); its rows. */
  static long copyBinary(CopyManager copies, String copySql, Binary rows) throws SQLException {
    CopyIn copy = copies.copyIn(copySql);
    try {
      for (int at = 0; at < rows.length(); at += COPY_CHUNK) {
        copy.writeToCopy(rows.bytes(), at, Math.min(COPY_CHUNK, rows.length() - at));
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
  static boolean writeNumeric(byte[] b, int start, int end, Bytes out) {
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
  static boolean writeTime(byte[] b, int start, int end, Bytes out) {
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

  /** Writes one record's row of COPY text, without its newline; {@code n}: the rows written before it. */
  private interface RowWriter {
    void write(CsvRecord record, Bytes text, long n);
  }

  /**
   * The {@code COPY} both ways share: each record with a non-blank key becomes a row, sent a chunk at a time; the
   * copy is cancelled when it did not end (a failure midway leaves nothing half-written); answers how many rows.
   */
  private static long stream(CopyManager copies, String copySql, int keyAt, int columns, FeedReader.Batch records,
      RowWriter row) throws SQLException {
    CopyIn copy = copies.copyIn(copySql);
    try {
      Bytes text = new Bytes(COPY_CHUNK + 4_096);
      CsvRecord record = new CsvRecord(records.bytes(), columns);
      long n = 0;
      for (int r = 0; r < records.size(); r++) {
        record.split(records.starts()[r], records.ends()[r]);
        if (keyAt >= record.fields() || record.blank(keyAt)) {
          continue;
        }
        row.write(record, text, n++);
        text.append((byte) '\n');
        if (text.length() >= COPY_CHUNK) {
          text.sendTo(copy);
        }
      }
      text.sendTo(copy);
      copy.endCopy();
      return n;
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** COPY text (or binary rows) being written: bytes, sent a chunk at a time. */
  static final class Bytes {
    private byte[] bytes;
    private int length;

    Bytes(int capacity) {
      bytes = new byte[capacity];
    }

    int length() {
      return length;
    }

    void append(byte b) {
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[length++] = b;
    }

    void append(byte[] from, int start, int end) {
      int n = end - start;
      if (length + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
      }
      System.arraycopy(from, start, bytes, length, n);
      length += n;
    }

    void appendShort(short v) {
      append((byte) (v >>> 8));
      append((byte) v);
    }

    void appendInt(int v) {
      append((byte) (v >>> 24));
      append((byte) (v >>> 16));
      append((byte) (v >>> 8));
      append((byte) v);
    }

    void appendLong(long v) {
      appendInt((int) (v >>> 32));
      appendInt((int) v);
    }

    /** Writes {@code v} over the four bytes at {@code at} (a length written before what it measures). */
    void putInt(int at, int v) {
      bytes[at] = (byte) (v >>> 24);
      bytes[at + 1] = (byte) (v >>> 16);
      bytes[at + 2] = (byte) (v >>> 8);
      bytes[at + 3] = (byte) v;
    }

    void appendNumber(long number) {
      byte[] digits = Long.toString(number).getBytes(StandardCharsets.US_ASCII);
      append(digits, 0, digits.length);
    }

    /** A character in COPY's text format: backslash, tab and line ends escaped. */
    void appendEscaped(byte b) {
      switch (b) {
        case '\\' -> {
          append((byte) '\\');
          append((byte) '\\');
        }
        case '\t' -> {
          append((byte) '\\');
          append((byte) 't');
        }
        case '\n' -> {
          append((byte) '\\');
          append((byte) 'n');
        }
        case '\r' -> {
          append((byte) '\\');
          append((byte) 'r');
        }
        default -> append(b);
      }
    }

    void sendTo(CopyIn copy) throws SQLException {
      copy.writeToCopy(bytes, 0, length);
      length = 0;
    }
  }

  /**
   * One RFC 4180 record of a batch, split in place into its fields as {@link FeedReader#fields} splits a string:
   * on commas outside quotes; a field that starts with a quote ends at the next lone quote (each {@code ""} in it
   * is a quote) and anything after that up to the comma is dropped. A cell is written as the string path wrote it:
   * {@link String#strip() stripped}, unquoted, escaped for COPY. A cell with a byte above ASCII goes through a
   * string (decoded as UTF-8, malformed bytes replaced, stripped of Unicode whitespace), as before.
   */
  private static final class CsvRecord {
    private final byte[] bytes;
    private int[] from;
    private int[] to;
    private boolean[] quoted;
    private int fields;

    CsvRecord(byte[] bytes, int columns) {
      this.bytes = bytes;
      from = new int[Math.max(columns, 1)];
      to = new int[from.length];
      quoted = new boolean[from.length];
    }

    int fields() {
      return fields;
    }

    void split(int start, int end) {
      fields = 0;
      int i = start;
      while (true) {
        if (fields == from.length) {
          from = Arrays.copyOf(from, fields * 2);
          to = Arrays.copyOf(to, fields * 2);
          quoted = Arrays.copyOf(quoted, fields * 2);
        }
        if (i < end && bytes[i] == '"') {
          int open = ++i;
          while (i < end) {
            if (bytes[i] != '"') {
              i++;
            } else if (i + 1 < end && bytes[i + 1] == '"') {
              i += 2;
            } else {
              break;
            }
          }
          from[fields] = open;
          to[fields] = i;
          quoted[fields++] = true;
          while (i < end && bytes[i] != ',') {
            i++;
          }
        } else {
          int f = i;
          while (i < end && bytes[i] != ',') {
            i++;
          }
          from[fields] = f;
          to[fields] = i;
          quoted[fields++] = false;
        }
        if (i >= end) {
          return;
        }
        i++;
      }
    }

    /** Whether the field is empty or only whitespace ({@link String#isBlank()}). */
    boolean blank(int field) {
      if (!ascii(field)) {
        return text(field).isBlank();
      }
      int[] range = stripped(field);
      return range[0] == range[1];
    }

    void writeStripped(int field, Bytes text) {
      if (!ascii(field)) {
        byte[] cell = text(field).strip().getBytes(StandardCharsets.UTF_8);
        for (byte b : cell) {
          text.appendEscaped(b);
        }
        return;
      }
      int[] range = stripped(field);
      for (int i = range[0]; i < range[1]; i++) {
        byte b = bytes[i];
        if (b == '"' && quoted[field]) {
          i++; // "" in a quoted field is one quote
        } else if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
          text.appendEscaped(b);
          continue;
        }
        text.append(b);
      }
    }

    /** The cell as {@link #writeStripped} writes it, unescaped, after its length (COPY's binary text). */
    void writeRaw(int field, Bytes out) {
      if (!ascii(field)) {
        byte[] cell = text(field).strip().getBytes(StandardCharsets.UTF_8);
        out.appendInt(cell.length);
        out.append(cell, 0, cell.length);
        return;
      }
      int at = out.length();
      out.appendInt(0);
      int[] range = stripped(field);
      for (int i = range[0]; i < range[1]; i++) {
        byte b = bytes[i];
        if (b == '"' && quoted[field]) {
          i++; // "" in a quoted field is one quote
        }
        out.append(b);
      }
      out.putInt(at, out.length() - at - 4);
    }

    /** The stripped cell as a {@code timestamptz} ({@link FeedCopy#writeTime}); false when not in its forms. */
    boolean writeTime(int field, Bytes out) {
      int[] range = stripped(field);
      return ascii(field) && FeedCopy.writeTime(bytes, range[0], range[1], out);
    }

    /** The stripped cell as a {@code numeric} ({@link FeedCopy#writeNumeric}); false when not a plain decimal. */
    boolean writeNumeric(int field, Bytes out) {
      int[] range = stripped(field);
      return ascii(field) && FeedCopy.writeNumeric(bytes, range[0], range[1], out);
    }

    /** Whether the stripped cell is {@code 1} or {@code true} in any case (the staging path's flag cast). */
    boolean isTrue(int field) {
      if (!ascii(field)) {
        String cell = text(field).strip();
        return cell.equals("1") || cell.toLowerCase(java.util.Locale.ROOT).equals("true");
      }
      int[] range = stripped(field);
      int n = range[1] - range[0];
      if (n == 1) {
        return bytes[range[0]] == '1';
      }
      if (n != 4) {
        return false;
      }
      String word = "true";
      for (int k = 0; k < 4; k++) {
        byte b = bytes[range[0] + k];
        if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != word.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    private boolean ascii(int field) {
      for (int i = from[field]; i < to[field]; i++) {
        if (bytes[i] < 0) {
          return false;
        }
      }
      return true;
    }

    /** The field's range without leading and trailing whitespace (ASCII: as {@link Character#isWhitespace}). */
    private int[] stripped(int field) {
      int start = from[field];
      int end = to[field];
      while (start < end && whitespace(bytes[start])) {
        start++;
      }
      while (end > start && whitespace(bytes[end - 1])) {
        end--;
      }
      return new int[] {start, end};
    }

    private static boolean whitespace(byte b) {
      return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
    }

    /** The field's value as a string: unquoted, each {@code ""} of a quoted field one quote. */
    private String text(int field) {
      String raw = new String(bytes, from[field], to[field] - from[field], StandardCharsets.UTF_8);
      return quoted[field] ? raw.replace("\"\"", "\"") : raw;
    }
  }
}
