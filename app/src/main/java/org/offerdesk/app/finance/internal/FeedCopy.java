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

  /** Writes one record's row of COPY text, without its newline; {@code n}: the rows written before it. */
  private interface RowWriter {
    void write(CsvRecord record, CopyText text, long n);
  }

  /**
   * The {@code COPY} both ways share: each record with a non-blank key becomes a row, sent a chunk at a time; the
   * copy is cancelled when it did not end (a failure midway leaves nothing half-written); answers how many rows.
   */
  private static long stream(CopyManager copies, String copySql, int keyAt, int columns, FeedReader.Batch records,
      RowWriter row) throws SQLException {
    CopyIn copy = copies.copyIn(copySql);
    try {
      CopyText text = new CopyText(COPY_CHUNK + 4_096);
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

  /** COPY text being written: bytes, sent a chunk at a time. */
  private static final class CopyText {
    private byte[] bytes;
    private int length;

    CopyText(int capacity) {
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

    void writeStripped(int field, CopyText text) {
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
