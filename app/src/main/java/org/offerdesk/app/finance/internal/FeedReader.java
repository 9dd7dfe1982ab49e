package org.offerdesk.app.finance.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a feed file's CSV (RFC 4180, UTF-8, {@code \n} line ends) from a byte position, whole records at a
 * time, and says at which byte each batch ends, so that the position committed with a batch's rows is
 * exactly where the next read starts. Records are split on line ends outside quotes: {@code "} and
 * {@code \n} are single bytes in UTF-8 and never part of a multi-byte character. A last record without its
 * line end (a file still being written) is not read.
 */
final class FeedReader implements AutoCloseable {

  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  /** Whole records as text, how many, and the byte position after the last one. */
  record Batch(List<List<String>> records, long end) {
    boolean isEmpty() {
      return records.isEmpty();
    }
  }

  private final InputStream in;
  private long position;

  FeedReader(InputStream in, long from) {
    this.in = new BufferedInputStream(in, 1 << 16);
    this.position = from;
  }

  /** Up to {@code maxRecords} whole records from the current position; empty at the end. */
  Batch next(int maxRecords) {
    ByteArrayOutputStream text = new ByteArrayOutputStream(1 << 16);
    ByteArrayOutputStream record = new ByteArrayOutputStream(512);
    int records = 0;
    long end = position;
    long at = position;
    boolean quoted = false;
    try {
      while (records < maxRecords) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        at++;
        if (b == '"') {
          quoted = !quoted;
        }
        if (b == '\n' && !quoted) {
          byte[] bytes = record.toByteArray();
          int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          text.write(bytes, 0, length);
          text.write('\n');
          record.reset();
          records++;
          end = at;
        } else {
          record.write(b);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    position = end;
    return new Batch(parse(text.toString(StandardCharsets.UTF_8)), end);
  }

  private static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    if (text.isEmpty()) {
      return rows;
    }
    try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
      for (CSVRecord r : parser) {
        rows.add(r.toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
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
