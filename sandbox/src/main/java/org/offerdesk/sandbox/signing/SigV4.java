package org.offerdesk.sandbox.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.offerdesk.postgres.BoundedMemo;

/**
 * AWS Signature Version 4, computed the way AWS computes it on the server side: the canonical request,
 * the string to sign and the HMAC-SHA256 key chain. Pure functions, no framework.
 */
public final class SigV4 {

  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  private static final Pattern AUTHORIZATION = Pattern.compile(
      "^AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)\\s*$");

  /** Signing keys by secret and scope. */
  private static final int MAX_SIGNING_KEYS = 1_000;
  private static final BoundedMemo<String, byte[]> SIGNING_KEYS = new BoundedMemo<>(MAX_SIGNING_KEYS);

  private SigV4() {}

  /** The parts of an {@code Authorization} header; the credential scope is {@code date/region/service/aws4_request}. */
  public record Authorization(
      String accessKeyId, String date, String region, String service, List<String> signedHeaders, String signature) {

    public String scope() {
      return date + "/" + region + "/" + service + "/aws4_request";
    }
  }

  /** Parses an Authorization header, or returns null when it is not a SigV4 header. */
  public static Authorization parseAuthorization(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = AUTHORIZATION.matcher(header.trim());
    if (!m.matches()) {
      return null;
    }
    String[] credential = m.group(1).split("/");
    if (credential.length != 5 || !"aws4_request".equals(credential[4])) {
      return null;
    }
    List<String> signed = List.of(m.group(2).toLowerCase(Locale.ROOT).split(";"));
    return new Authorization(credential[0], credential[1], credential[2], credential[3], signed, m.group(3).toLowerCase(Locale.ROOT));
  }

  /**
   * The canonical request. {@code rawPath} and {@code rawQuery} are as they came on the wire
   * (percent-encoded); {@code headers} maps lower-case names to their values in order.
   */
  public static String canonicalRequest(
      String method, String rawPath, String rawQuery, Map<String, List<String>> headers, List<String> signedHeaders,
      String payloadHash) {
    return build(method, canonicalUri(rawPath), rawQuery, headers, signedHeaders, payloadHash);
  }

  /**
   * The canonical request as S3 computes it: the path exactly as it came on the wire, encoded once by the
   * client and neither encoded again nor normalized.
   */
  public static String s3CanonicalRequest(
      String method, String rawPath, String rawQuery, Map<String, List<String>> headers, List<String> signedHeaders,
      String payloadHash) {
    String uri = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    return build(method, uri, rawQuery, headers, signedHeaders, payloadHash);
  }

  private static String build(
      String method, String canonicalUri, String rawQuery, Map<String, List<String>> headers, List<String> signedHeaders,
      String payloadHash) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n');
    canonical.append(canonicalUri).append('\n');
    canonical.append(canonicalQuery(rawQuery)).append('\n');
    for (String name : signedHeaders) {
      List<String> values = headers.getOrDefault(name, List.of());
      List<String> trimmed = new ArrayList<>();
      for (String v : values) {
        trimmed.add(collapseSpaces(v.trim()));
      }
      canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    canonical.append('\n');
    canonical.append(String.join(";", signedHeaders)).append('\n');
    canonical.append(payloadHash);
    return canonical.toString();
  }

  /** Runs of whitespace as one space, as {@code replaceAll("\\s+", " ")} would, without a regex per header. */
  static String collapseSpaces(String value) {
    int i = 0;
    while (i < value.length() && !isRegexSpace(value.charAt(i))) {
      i++;
    }
    if (i == value.length()) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length()).append(value, 0, i);
    boolean inSpace = false;
    for (; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isRegexSpace(c)) {
        if (!inSpace) {
          out.append(' ');
          inSpace = true;
        }
      } else {
        out.append(c);
        inSpace = false;
      }
    }
    return out.toString();
  }

  /** {@code \\s} of {@link java.util.regex.Pattern}: space, tab, newline, vertical tab, form feed, return. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
  }

  public static String signature(String secretAccessKey, Authorization auth, String stringToSign) {
    return hex(hmac(signingKey(secretAccessKey, auth), stringToSign));
  }

  /**
   * The key chain's end for the secret and the credential scope; the same for every call a client signs
   * that day, so it is derived once (four HMACs) and kept.
   */
  private static byte[] signingKey(String secretAccessKey, Authorization auth) {
    String scope = secretAccessKey + "\n" + auth.scope();
    byte[] kept = SIGNING_KEYS.get(scope);
    if (kept != null) {
      return kept;
    }
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), auth.date());
    key = hmac(key, auth.region());
    key = hmac(key, auth.service());
    key = hmac(key, "aws4_request");
    SIGNING_KEYS.put(scope, key);
    return key;
  }

  /** Services other than S3 encode each path segment twice: once on the wire, once here. */
  static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder uri = new StringBuilder();
    String[] segments = rawPath.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        uri.append('/');
      }
      uri.append(encode(segments[i]));
    }
    return uri.toString();
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder query = new StringBuilder();
    for (String[] pair : pairs) {
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(pair[0]).append('=').append(pair[1]);
    }
    return query.toString();
  }

  /** RFC 3986 encoding of everything but the unreserved characters, as SigV4 requires. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** Percent-decoding only; a {@code +} stays a plus sign, as AWS SDKs encode spaces as {@code %20}. */
  static String decode(String text) {
    byte[] out = new byte[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
        out[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
        i += 2;
      } else if (c > 0x7f) {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out = java.util.Arrays.copyOf(out, out.length + utf8.length);
        System.arraycopy(utf8, 0, out, n, utf8.length);
        n += utf8.length;
      } else {
        out[n++] = (byte) c;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  /** One digest and one MAC per request thread, rather than a provider look-up for each (three a call). */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });
  private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  public static byte[] sha256(byte[] data) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return digest.digest(data);
  }

  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(data);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = HMAC_SHA256.get();
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
