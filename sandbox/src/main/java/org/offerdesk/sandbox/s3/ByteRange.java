package org.offerdesk.sandbox.s3;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range of a GetObject's {@code Range} header ({@code bytes=a-b}, {@code bytes=a-},
 * {@code bytes=-n}), inclusive. A header S3 would ignore (malformed, several ranges) means the whole object.
 */
record ByteRange(long first, long last) {

  private static final Pattern SINGLE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

  /** The range asked for, or null for the whole object; throws InvalidRange when none of it is in the object. */
  static ByteRange parse(String header, long size) {
    if (header == null) {
      return null;
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return null;
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0 || size == 0) {
          throw S3Error.invalidRange(size);
        }
        return new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      if (first >= size) {
        throw S3Error.invalidRange(size);
      }
      return last < first ? null : new ByteRange(first, last);
    } catch (NumberFormatException tooLong) {
      return null;
    }
  }

  long length() {
    return last - first + 1;
  }
}
