package org.offerdesk.app.identity.internal;

import java.util.ArrayList;
import java.util.List;
import org.offerdesk.app.runtime.RunMode;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The headers every answer carries, on the console, the buyer's pages, the API and operations endpoints.
 * Scripts come only from OfferDesk itself (no inline script or event handler anywhere: behaviour lives in
 * {@code static/js}); inline styles stay allowed because e-mail previews and a few pages use them. HSTS is
 * sent in production only: a demo on http://localhost must not pin the browser to https.
 */
final class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
      + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

  static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

  private SecurityHeaders() {}

  static Customizer<HeadersConfigurer<HttpSecurity>> forMode(RunMode mode) {
    return headers -> {
      headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
          // Same origin only: a buyer's link carries its token in the path, which must not leak to AWS.
          .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
          // Spring's own HSTS writer only answers https requests; production's is added below.
          .httpStrictTransportSecurity(h -> h.disable());
      writers(mode).forEach(headers::addHeaderWriter);
    };
  }

  /** Permissions-Policy everywhere, and HSTS in production. */
  static List<HeaderWriter> writers(RunMode mode) {
    List<HeaderWriter> writers = new ArrayList<>();
    writers.add(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY));
    if (mode.isProduction()) {
      // TLS usually ends at a proxy, so the request OfferDesk sees may be plain http: send it anyway.
      HstsHeaderWriter hsts = new HstsHeaderWriter();
      hsts.setRequestMatcher(AnyRequestMatcher.INSTANCE);
      hsts.setMaxAgeInSeconds(31_536_000);
      hsts.setIncludeSubDomains(true);
      writers.add(hsts);
    }
    return writers;
  }
}
