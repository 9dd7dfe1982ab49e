package org.offerdesk.app.finance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a feed file's CSV (RFC 4180, UTF-8, {@code \n} line ends) from a byte position, whole records at a
 * time, and says at which byte each batch ends, so that the position committed with a batch's rows is
 * exactly where the next read starts. Records are split on line ends outside quotes: {@code "} and
 * {@code \n} are single bytes in UTF-8 and never part of a multi-byte character. A last record without its
 * line end (a file still being written) is not read.
 */
final class FeedReader implements AutoCloseable {

  /**
   * Whole records as the file's bytes (record {@code i} is {@code bytes[starts[i], ends[i])}, without its line end),
   * how many, and the byte position after the last one. The bytes are handed to the staging {@code COPY} as they
   * are ({@link FeedRowStore}): a month of a large seller's rows is never split into strings.
   */
  record Batch(byte[] bytes, int[] starts, int[] ends, int size, long end) {
    boolean isEmpty() {
      return size == 0;
    }

    /** The records' fields as text (the header, and tests). */
    List<List<String>> records() {
      List<List<String>> records = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        records.add(fields(new String(bytes, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8)));
      }
      return records;
    }
  }

  private final InputStream in;
  /** Bytes read from the stream and not yet returned: {@code buffer[start..limit)}, scanned up to {@code scan}. */
  private byte[] buffer = new byte[1 << 16];
  private int start;
  private int scan;
  private int limit;
  private long position;

  FeedReader(InputStream in, long from) {
    this.in = in;
    this.position = from;
  }

  /**
   * Up to {@code maxRecords} whole records from the current position; empty at the end. Reads the stream a
   * buffer at a time and copies whole records at once (a byte at a time through a stream cost most of a
   * sync's time at a million rows).
   */
  Batch next(int maxRecords) {
    return next(maxRecords, null);
  }

  /**
   * {@link #next(int)}, the records' bytes written into {@code reuse} (an earlier batch's array, no longer read) as
   * far as it holds them: a sync's batches of several megabytes each then do not each become a new array for the
   * garbage collector to move.
   */
  Batch next(int maxRecords, byte[] reuse) {
    int capacity = Math.min(maxRecords, 10_000);
    int[] starts = new int[capacity];
    int[] ends = new int[capacity];
    byte[] out = reuse != null ? reuse : new byte[1 << 16];
    int length = 0;
    int records = 0;
    boolean quoted = false;
    scan = start;
    while (records < maxRecords) {
      if (scan == limit && !fill()) {
        break;
      }
      byte b = buffer[scan++];
      if (b == '"') {
        quoted = !quoted;
      } else if (b == '\n' && !quoted) {
        int end = scan - 1;
        if (end > start && buffer[end - 1] == '\r') {
          end--;
        }
        int n = end - start;
        if (length + n > out.length) {
          out = Arrays.copyOf(out, Math.max(out.length * 2, length + n));
        }
        if (records == starts.length) {
          starts = Arrays.copyOf(starts, records * 2);
          ends = Arrays.copyOf(ends, records * 2);
        }
        System.arraycopy(buffer, start, out, length, n);
        starts[records] = length;
        length += n;
        ends[records] = length;
        position += scan - start;
        start = scan;
        records++;
      }
    }
    return new Batch(out, starts, ends, records, position);
  }

  /** Reads more of the stream behind what is buffered (the record begun stays); false at its end. */
  private boolean fill() {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, limit - start);
      scan -= start;
      limit -= start;
      start = 0;
    }
    if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    try {
      int n = in.readNBytes(buffer, limit, buffer.length - limit);
      limit += n;
      return n > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The fields of one RFC 4180 record (without its line end): split on commas outside quotes; a quoted field
   * loses its quotes and has each {@code ""} read as {@code "}. Most fields of a feed are unquoted: those are
   * substrings, without copying through a builder.
   */
  static List<String> fields(String record) {
    List<String> fields = new ArrayList<>(48);
    int n = record.length();
    int i = 0;
    while (true) {
      if (i < n && record.charAt(i) == '"') {
        StringBuilder field = new StringBuilder();
        i++;
        while (i < n) {
          char c = record.charAt(i++);
          if (c != '"') {
            field.append(c);
          } else if (i < n && record.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            break;
          }
        }
        fields.add(field.toString());
        while (i < n && record.charAt(i) != ',') {
          i++;
        }
      } else {
        int comma = record.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        fields.add(record.substring(i, end));
        i = end;
      }
      if (i >= n) {
        return fields;
      }
      i++;
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // the bytes needed were read; closing early only drops the rest
    }
  }
}
