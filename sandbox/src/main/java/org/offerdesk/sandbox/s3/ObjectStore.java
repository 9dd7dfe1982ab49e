package org.offerdesk.sandbox.s3;

import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The objects of the data-feed buckets, kept in table {@code s3_object}. */
@Repository
public class ObjectStore {

  private final JdbcTemplate jdbc;

  ObjectStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes (or overwrites) an object; its ETag is the quoted MD5 of its content, as for a single-part upload. */
  public void put(String bucket, String key, byte[] content, Instant lastModified) {
    jdbc.update("INSERT INTO s3_object (bucket, object_key, content, etag, last_modified) VALUES (?, ?, ?, ?, ?) "
        + OVERWRITE, bucket, key, content, etag(content), Timestamp.from(lastModified));
  }

  private static final String OVERWRITE = "ON CONFLICT (bucket, object_key) DO UPDATE SET content = EXCLUDED.content, "
      + "etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified";

  /**
   * The end of a statement that writes (or overwrites), as {@link #put} does, the objects {@code source} (a table
   * or a query named earlier in the same statement) holds as {@code bucket, object_key, content, last_modified}:
   * many objects in one statement, their content never leaving the database, each ETag the quoted MD5.
   */
  public static String putAllFrom(String source) {
    return "INSERT INTO s3_object (bucket, object_key, content, etag, last_modified) "
        + "SELECT bucket, object_key, content, '\"' || md5(content) || '\"', last_modified FROM " + source + " "
        + OVERWRITE;
  }

  public Optional<StoredObject> find(String bucket, String key) {
    return jdbc.query(con -> {
          PreparedStatement s = con.prepareStatement(
              "SELECT object_key, content, etag, last_modified FROM s3_object WHERE bucket = ? AND object_key = ?");
          // The content in PostgreSQL's binary format, not as hex text: a statement run fewer than pgjdbc's
          // prepareThreshold times is answered as text, which doubles a feed file's bytes on the wire and has both
          // sides encode and decode hex (bench P4, 1M billing rows: a fifth of the JVM's CPU samples of a sync).
          s.unwrap(PGStatement.class).setPrepareThreshold(-1);
          s.setString(1, bucket);
          s.setString(2, key);
          return s;
        },
        (rs, row) -> {
          byte[] content = rs.getBytes(2); // decoded once: a month's feed file is tens of megabytes
          return new StoredObject(rs.getString(1), content.length, rs.getString(3), rs.getTimestamp(4).toInstant(),
              content);
        }).stream().findFirst();
  }

  /** The bucket's objects under {@code prefix} without their content, in the byte order of their keys. */
  public List<StoredObject> list(String bucket, String prefix) {
    return jdbc.query("""
        SELECT object_key, length(content), etag, last_modified FROM s3_object
        WHERE bucket = ? AND starts_with(object_key, ?) ORDER BY object_key COLLATE "C\"""",
        (rs, row) -> new StoredObject(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
            null),
        bucket, prefix);
  }

  private static String etag(byte[] content) {
    try {
      return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
