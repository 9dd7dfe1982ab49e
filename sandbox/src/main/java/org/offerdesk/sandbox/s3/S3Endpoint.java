package org.offerdesk.sandbox.s3;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.signing.RequestSignatures;
import org.offerdesk.sandbox.signing.SigV4;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The S3 API of the data-feed buckets, on the sandbox's own port. A request is S3's when its signature is
 * scoped to service {@code s3} (or, unsigned, when it names a data-feed bucket); it is answered here and
 * never reaches the sandbox's other endpoints. Path-style only: {@code /<bucket>/<key>}. Read-only: each
 * account reads its own bucket, with its own keys or STS credentials of the same account.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class S3Endpoint extends OncePerRequestFilter {

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final RequestSignatures signatures;
  private final Accounts accounts;
  private final ObjectStore objects;

  S3Endpoint(RequestSignatures signatures, Accounts accounts, ObjectStore objects) {
    this.signatures = signatures;
    this.accounts = accounts;
    this.objects = objects;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    SigV4.Authorization auth = SigV4.parseAuthorization(request.getHeader("Authorization"));
    if (auth != null) {
      return !"s3".equals(auth.service());
    }
    return request.getHeader("Authorization") != null
        || !request.getRequestURI().startsWith("/" + Account.DATA_FEED_BUCKET_PREFIX);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException {
    S3Responses out = new S3Responses(response, "HEAD".equals(request.getMethod()));
    try {
      byte[] body = request.getInputStream().readAllBytes();
      Account caller;
      try {
        caller = signatures.verify(request, body, "s3", true).account();
      } catch (AwsServiceException e) {
        throw S3Error.of(e);
      }
      serve(request, out, caller);
    } catch (S3Error e) {
      out.error(e, request.getRequestURI());
    }
  }

  private void serve(HttpServletRequest request, S3Responses out, Account caller) throws IOException {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      throw new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.")
          .with("Method", method).with("ResourceType", "OBJECT");
    }
    String path = request.getRequestURI().substring(1);
    if (path.isEmpty()) {
      out.buckets(caller);
      return;
    }
    int slash = path.indexOf('/');
    String bucket = decode(slash < 0 ? path : path.substring(0, slash));
    String key = slash < 0 ? "" : decode(path.substring(slash + 1));
    Account owner = bucketOwner(bucket);
    if (!owner.id().equals(caller.id())) {
      throw S3Error.accessDenied();
    }
    if (key.isEmpty()) {
      if ("HEAD".equals(method)) {
        out.empty(200);
      } else {
        list(request, out, bucket);
      }
      return;
    }
    StoredObject object = objects.find(bucket, key).orElseThrow(() -> S3Error.noSuchKey(key));
    out.object(object, ByteRange.parse(request.getHeader("Range"), object.size()), HTTP_DATE);
  }

  private Account bucketOwner(String bucket) {
    if (!bucket.startsWith(Account.DATA_FEED_BUCKET_PREFIX)) {
      throw S3Error.noSuchBucket(bucket);
    }
    String accountId = bucket.substring(Account.DATA_FEED_BUCKET_PREFIX.length());
    Optional<Account> owner = accountId.matches("\\d{12}") ? accounts.find(accountId) : Optional.empty();
    return owner.filter(a -> bucket.equals(a.dataFeedBucket())).orElseThrow(() -> S3Error.noSuchBucket(bucket));
  }

  /** ListObjectsV2; the continuation token is the last key (K:) or common prefix (P:) returned, base64. */
  private void list(HttpServletRequest request, S3Responses out, String bucket) throws IOException {
    String prefix = param(request, "prefix", "");
    String delimiter = param(request, "delimiter", null);
    int maxKeys = maxKeys(param(request, "max-keys", "1000"));
    String token = param(request, "continuation-token", null);
    String startAfter = param(request, "start-after", null);
    String after = startAfter;
    boolean afterPrefix = false;
    if (token != null) {
      String decoded = decodeToken(token);
      after = decoded.substring(2);
      afterPrefix = decoded.startsWith("P:");
    } else if (startAfter != null && startAfter.compareTo(prefix) < 0) {
      after = null;
    }
    List<StoredObject> all = objects.list(bucket, prefix);
    ListingPage page = ListingPage.of(all, prefix, delimiter, maxKeys, after, afterPrefix);
    String next = page.truncated()
        ? Base64.getUrlEncoder().encodeToString(((page.lastIsPrefix() ? "P:" : "K:") + page.lastItem())
            .getBytes(StandardCharsets.UTF_8))
        : null;
    out.listing(new S3Responses.Listing(bucket, prefix, delimiter, maxKeys, token, startAfter, next,
        "url".equals(request.getParameter("encoding-type")), page));
  }

  private static int maxKeys(String text) {
    try {
      int value = Integer.parseInt(text);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return Math.min(value, 1000);
    } catch (NumberFormatException e) {
      throw new S3Error(400, "InvalidArgument", "Provided max-keys not an integer or within integer range")
          .with("ArgumentName", "max-keys").with("ArgumentValue", text);
    }
  }

  private static String decodeToken(String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith("K:") || decoded.startsWith("P:")) {
        return decoded;
      }
    } catch (IllegalArgumentException e) {
      // answered below as S3 does
    }
    throw new S3Error(400, "InvalidArgument", "The continuation token provided is incorrect")
        .with("ArgumentName", "continuation-token");
  }

  private static String param(HttpServletRequest request, String name, String fallback) {
    String value = request.getParameter(name);
    return value == null ? fallback : value;
  }

  /** Percent-decoding of a path segment; a plus sign stays a plus sign in a path. */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
