package org.offerdesk.sandbox.s3;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.offerdesk.sandbox.accounts.Account;

/** Writes S3's answers: object bodies and headers, the XML of listings and errors, and S3's request IDs. */
final class S3Responses {

  private static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final HttpServletResponse response;
  private final boolean head;

  S3Responses(HttpServletResponse response, boolean head) {
    this.response = response;
    this.head = head;
    byte[] id = new byte[8];
    ThreadLocalRandom.current().nextBytes(id);
    response.setHeader("x-amz-request-id", HexFormat.of().withUpperCase().formatHex(id));
    response.setHeader("x-amz-id-2", java.util.Base64.getEncoder().encodeToString(id));
  }

  /** A ListObjectsV2 page with the request's parameters echoed as S3 echoes them. */
  record Listing(String bucket, String prefix, String delimiter, int maxKeys, String continuationToken,
      String startAfter, String nextContinuationToken, boolean urlEncoded, ListingPage page) {}

  void object(StoredObject object, ByteRange range, DateTimeFormatter httpDate) throws IOException {
    response.setStatus(range == null ? 200 : 206);
    response.setHeader("ETag", object.etag());
    response.setHeader("Last-Modified", httpDate.format(object.lastModified()));
    response.setHeader("Accept-Ranges", "bytes");
    response.setContentType("text/csv");
    long length = range == null ? object.size() : range.length();
    if (range != null) {
      response.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + object.size());
    }
    response.setContentLengthLong(length);
    if (!head) {
      response.getOutputStream().write(object.content(), (int) (range == null ? 0 : range.first()), (int) length);
    }
  }

  void empty(int status) {
    response.setStatus(status);
    response.setContentLength(0);
  }

  void buckets(Account caller) throws IOException {
    StringBuilder xml = start("ListAllMyBucketsResult");
    xml.append("<Owner><ID>").append(caller.id().value()).append("</ID><DisplayName>").append(escape(caller.name()))
        .append("</DisplayName></Owner><Buckets>");
    if (caller.dataFeedBucket() != null) {
      xml.append("<Bucket><Name>").append(caller.dataFeedBucket()).append("</Name><CreationDate>")
          .append(timestamp(caller.createdAt())).append("</CreationDate></Bucket>");
    }
    xml.append("</Buckets></ListAllMyBucketsResult>");
    send(200, xml);
  }

  void listing(Listing l) throws IOException {
    StringBuilder xml = start("ListBucketResult");
    element(xml, "Name", l.bucket());
    element(xml, "Prefix", encoded(l.prefix(), l.urlEncoded()));
    element(xml, "KeyCount", Integer.toString(l.page().keyCount()));
    element(xml, "MaxKeys", Integer.toString(l.maxKeys()));
    if (l.delimiter() != null) {
      element(xml, "Delimiter", encoded(l.delimiter(), l.urlEncoded()));
    }
    element(xml, "IsTruncated", Boolean.toString(l.page().truncated()));
    if (l.continuationToken() != null) {
      element(xml, "ContinuationToken", l.continuationToken());
    }
    if (l.nextContinuationToken() != null) {
      element(xml, "NextContinuationToken", l.nextContinuationToken());
    }
    if (l.startAfter() != null) {
      element(xml, "StartAfter", encoded(l.startAfter(), l.urlEncoded()));
    }
    if (l.urlEncoded()) {
      element(xml, "EncodingType", "url");
    }
    for (StoredObject o : l.page().contents()) {
      xml.append("<Contents>");
      element(xml, "Key", encoded(o.key(), l.urlEncoded()));
      element(xml, "LastModified", timestamp(o.lastModified()));
      element(xml, "ETag", o.etag());
      element(xml, "Size", Long.toString(o.size()));
      element(xml, "StorageClass", "STANDARD");
      xml.append("</Contents>");
    }
    for (String p : l.page().commonPrefixes()) {
      xml.append("<CommonPrefixes>");
      element(xml, "Prefix", encoded(p, l.urlEncoded()));
      xml.append("</CommonPrefixes>");
    }
    xml.append("</ListBucketResult>");
    send(200, xml);
  }

  /** S3's XML error; a HEAD answer has the status only, as S3 sends no body to HEAD. */
  void error(S3Error e, String resource) throws IOException {
    if (head) {
      empty(e.status());
      return;
    }
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
    element(xml, "Code", e.code());
    element(xml, "Message", e.getMessage());
    for (Map.Entry<String, String> detail : e.details().entrySet()) {
      element(xml, detail.getKey(), detail.getValue());
    }
    element(xml, "Resource", resource);
    element(xml, "RequestId", response.getHeader("x-amz-request-id"));
    xml.append("</Error>");
    send(e.status(), xml);
  }

  private static StringBuilder start(String root) {
    return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
        .append(" xmlns=\"").append(XMLNS).append("\">");
  }

  private void send(int status, StringBuilder xml) throws IOException {
    byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/xml");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static void element(StringBuilder xml, String name, String value) {
    xml.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
  }

  /** Keys under {@code encoding-type=url}: percent-encoded but for the slash, as S3 does. */
  private static String encoded(String value, boolean url) {
    if (!url) {
      return value;
    }
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
  }

  private static String timestamp(Instant instant) {
    return ISO_MILLIS.format(instant);
  }

  private static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
