package org.offerdesk.app.dashboard.internal;

import java.nio.charset.StandardCharsets;

/**
 * A console link to a table with its filters, leaving out those that are unset. Names and values are encoded as
 * Spring's {@code UriComponentsBuilder} encodes a query parameter (RFC 3986 {@code pchar}, {@code /} and
 * {@code ?} kept; {@code =} and {@code &} encoded), written straight into one string: a dashboard has about fifty
 * links (a year's bookings most of them), and a builder, its components and its encoder each were a few objects
 * and passes per link.
 */
final class Links {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final StringBuilder uri;
  private boolean first = true;

  private Links(String path) {
    this.uri = new StringBuilder(96).append(path);
  }

  static Links to(String path) {
    return new Links(path);
  }

  Links with(String name, Object value) {
    if (value != null) {
      String text = String.valueOf(value);
      if (!text.isBlank()) {
        uri.append(first ? '?' : '&');
        first = false;
        encode(name);
        uri.append('=');
        encode(text);
      }
    }
    return this;
  }

  String build() {
    return uri.toString();
  }

  private void encode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
          append(b);
        }
        return;
      }
      append((byte) c);
    }
  }

  private void append(byte b) {
    if (allowed(b)) {
      uri.append((char) b);
    } else {
      uri.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
  }

  /** Spring's {@code HierarchicalUriComponents.Type.QUERY_PARAM}: a pchar, '/' or '?', but not '=' or '&'. */
  private static boolean allowed(int c) {
    if (c == '=' || c == '&') {
      return false;
    }
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "-._~!$'()*+,;:@/?".indexOf(c) >= 0;
  }
}
