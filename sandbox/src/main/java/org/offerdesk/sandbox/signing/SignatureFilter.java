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
import org.offerdesk.sandbox.accounts.Account;
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

  private final RequestSignatures signatures;

  public SignatureFilter(RequestSignatures signatures) {
    this.signatures = signatures;
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
      RequestSignatures.Signer signer = signatures.verify(request, body, expectedService(request), false);
      request.setAttribute(CALLER, signer.account());
      signer.session().ifPresent(session -> request.setAttribute(SESSION, session));
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
