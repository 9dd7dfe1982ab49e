package org.offerdesk.sandbox.faults;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.offerdesk.sandbox.signing.SignatureFilter;
import org.offerdesk.sandbox.wire.AwsErrorResponse;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Throttles the configured share of signed AWS API calls with 429 {@code ThrottlingException}. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ThrottlingFilter extends OncePerRequestFilter {

  private final Faults faults;

  ThrottlingFilter(Faults faults) {
    this.faults = faults;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return SignatureFilter.isUnsignedPath(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (faults.throttleNow()) {
      AwsErrorResponse.write(response, AwsServiceException.throttling("Rate exceeded"));
      return;
    }
    chain.doFilter(request, response);
  }
}
