package org.offerdesk.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL server is and how to sign in to it, read from the two forms people paste into
 * {@code DATABASE_URL}: a JDBC URL ({@code jdbc:postgresql://host:5432/db?user=u}) or the
 * {@code postgres://user:pass@host:port/db} form that hosting platforms hand out.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("DATABASE_URL is empty");
    }
    String trimmed = url.trim();
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(trimmed, null, null);
    }
    if (!(trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://"))) {
      throw new IllegalArgumentException(
          "DATABASE_URL must start with jdbc:postgresql://, postgres:// or postgresql://");
    }
    URI uri = URI.create(trimmed);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("DATABASE_URL has no host: " + redact(trimmed));
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new DatabaseUrl(jdbc, user, password);
  }

  /** The URL with any password masked, fit for a log line. */
  public static String redact(String url) {
    return url == null ? null : url.replaceAll("(://[^:/@]+:)[^@]*@", "$1****@").replaceAll("(?i)(password=)[^&]*", "$1****");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
