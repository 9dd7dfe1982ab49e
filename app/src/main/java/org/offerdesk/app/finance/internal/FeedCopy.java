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
  static final int COPY_CHUNK = 1 << 16;

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

    /** Written into {@code reuse} (from its start) while it holds them, else into a new array of {@code capacity}. */
    Bytes(byte[] reuse, int capacity) {
      bytes = reuse != null && reuse.length >= capacity ? reuse : new byte[capacity];
    }

    int length() {
      return length;
    }

    /** The array written so far (its first {@link #length} bytes); later appends may replace it. */
    byte[] array() {
      return bytes;
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

}
