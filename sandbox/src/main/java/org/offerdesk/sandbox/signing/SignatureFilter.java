package org.offerdesk.sandbox.signing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.accounts.TemporaryCredentials;
import org.offerdesk.sandbox.wire.AwsErrorResponse;
import org.offerdesk.sandbox.wire.AwsQuery;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Verifies the SigV4 signature of every AWS API request and tells the API which account is calling,
 * through the request attribute {@link #CALLER}. The sandbox's own pages and control API under
 * {@code /sandbox/} are not signed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class SignatureFilter extends OncePerRequestFilter {

  /** Request attribute holding the calling {@link Account}. */
  public static final String CALLER = "org.offerdesk.sandbox.caller";

  /**
   * Request attribute holding the {@link TemporaryCredentials.Issued} session when the call was signed with
   * temporary credentials from STS AssumeRole; absent for an account's own keys.
   */
  public static final String SESSION = "org.offerdesk.sandbox.session";

  static final String SERVICE = "aws-marketplace";

  private final Accounts accounts;
  private final TemporaryCredentials temporary;

  public SignatureFilter(Accounts accounts, TemporaryCredentials temporary) {
    this.accounts = accounts;
    this.temporary = temporary;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return isUnsignedPath(request);
  }

  /**
   * The sandbox's own pages and control API, and the root page: everything but the AWS APIs (REST
   * catalog paths, and awsJson calls, which are POSTs with an {@code X-Amz-Target}).
   */
  public static boolean isUnsignedPath(HttpServletRequest request) {
    String path = request.getRequestURI();
    if (request.getHeader("X-Amz-Target") != null && "POST".equals(request.getMethod())) {
      return false;
    }
    if (AwsQuery.isQueryCall(request)) {
      return false;
    }
    return path.startsWith("/sandbox") || path.startsWith("/actuator") || path.equals("/error")
        || path.equals("/favicon.ico") || path.equals("/");
  }

  /**
   * SQS signs with its own service name, STS (the one query-protocol service) with {@code sts}; every
   * marketplace API signs with {@code aws-marketplace}.
   */
  static String expectedService(HttpServletRequest request) {
    if (AwsQuery.isQueryCall(request)) {
      return "sts";
    }
    String target = request.getHeader("X-Amz-Target");
    return target != null && target.startsWith("AmazonSQS.") ? "sqs" : SERVICE;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes();
    try {
      Account caller = verify(request, body);
      request.setAttribute(CALLER, caller);
    } catch (AwsServiceException e) {
      if (AwsQuery.isQueryCall(request)) {
        AwsQuery.writeError(response, e);
      } else {
        AwsErrorResponse.write(response, e);
      }
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private Account verify(HttpServletRequest request, byte[] body) {
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      throw new AwsServiceException(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    SigV4.Authorization auth = SigV4.parseAuthorization(header);
    if (auth == null) {
      throw new AwsServiceException(403, "IncompleteSignatureException",
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters "
              + "with algorithm AWS4-HMAC-SHA256.");
    }
    Optional<Account> account = accounts.findByAccessKey(auth.accessKeyId());
    String secret = account.map(Account::secretAccessKey).orElse(null);
    if (account.isEmpty()) {
      // Temporary credentials from AssumeRole act as the role's account, with their session token.
      Optional<TemporaryCredentials.Issued> session = temporary.find(auth.accessKeyId());
      String token = request.getHeader("X-Amz-Security-Token");
      if (session.isEmpty() || token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
          session.get().sessionToken().getBytes(StandardCharsets.UTF_8))) {
        throw new AwsServiceException(403, "UnrecognizedClientException",
            "The security token included in the request is invalid.");
      }
      request.setAttribute(SESSION, session.get());
      account = Optional.of(session.get().account());
      secret = session.get().secretAccessKey();
    }
    String service = expectedService(request);
    if (!service.equals(auth.service())) {
      throw invalidSignature("Credential should be scoped to correct service: '" + service + "'.");
    }
    String amzDate = request.getHeader("X-Amz-Date");
    if (amzDate == null || !auth.signedHeaders().contains("host") || !amzDate.startsWith(auth.date())) {
      throw invalidSignature("The request must sign the host header and carry an X-Amz-Date matching the credential scope.");
    }
    String payloadHash = SigV4.hex(SigV4.sha256(body));
    String declared = request.getHeader("x-amz-content-sha256");
    if (declared != null && !declared.equals(SigV4.UNSIGNED_PAYLOAD)) {
      if (!MessageDigest.isEqual(declared.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
          payloadHash.getBytes(StandardCharsets.US_ASCII))) {
        throw invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
      }
    } else if (declared != null) {
      payloadHash = SigV4.UNSIGNED_PAYLOAD;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : auth.signedHeaders()) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    String canonical = SigV4.canonicalRequest(
        request.getMethod(), request.getRequestURI(), request.getQueryString(), headers, auth.signedHeaders(), payloadHash);
    String expected = SigV4.signature(secret, auth, SigV4.stringToSign(amzDate, auth.scope(), canonical));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), auth.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw invalidSignature("The request signature we calculated does not match the signature you provided. "
          + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
    return account.get();
  }

  private static AwsServiceException invalidSignature(String message) {
    return new AwsServiceException(403, "InvalidSignatureException", message);
  }

  /** Lets the controllers read a body the filter has already read to hash it. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
