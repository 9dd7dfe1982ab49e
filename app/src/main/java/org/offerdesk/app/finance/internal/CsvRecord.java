package org.offerdesk.app.finance.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One RFC 4180 record of a batch, split in place into its fields as {@link FeedReader#fields} splits a string:
 * on commas outside quotes; a field that starts with a quote ends at the next lone quote (each {@code ""} in it
 * is a quote) and anything after that up to the comma is dropped. A cell is written as the string path wrote it:
 * {@link String#strip() stripped}, unquoted, escaped for COPY. A cell with a byte above ASCII goes through a
 * string (decoded as UTF-8, malformed bytes replaced, stripped of Unicode whitespace), as before.
 */
final class CsvRecord {
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

  void writeStripped(int field, FeedCopy.Bytes text) {
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
  void writeRaw(int field, FeedCopy.Bytes out) {
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

  /** The stripped cell as a {@code timestamptz} ({@link FeedBinary#writeTime}); false when not in its forms. */
  boolean writeTime(int field, FeedCopy.Bytes out) {
    int[] range = stripped(field);
    return ascii(field) && FeedBinary.writeTime(bytes, range[0], range[1], out);
  }

  /** The stripped cell as a {@code numeric} ({@link FeedBinary#writeNumeric}); false when not a plain decimal. */
  boolean writeNumeric(int field, FeedCopy.Bytes out) {
    int[] range = stripped(field);
    return ascii(field) && FeedBinary.writeNumeric(bytes, range[0], range[1], out);
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
