package org.offerdesk.sandbox.control;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.offerdesk.sandbox.signing.SignatureFilter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards everything under {@code /sandbox} that is not an AWS wire call (those carry SigV4, checked by
 * {@link SignatureFilter}): the caller needs the admin token as {@code Authorization: Bearer}, unless it
 * calls from loopback while the sandbox listens on loopback only. See {@link ControlAccess#decide}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ControlApiFilter extends OncePerRequestFilter {

  private final ControlSettings settings;

  ControlApiFilter(ControlSettings settings) {
    this.settings = settings;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !(path.equals("/sandbox") || path.startsWith("/sandbox/")) || !SignatureFilter.isUnsignedPath(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ControlAccess access = ControlAccess.decide(InetAddress.getByName(request.getRemoteAddr()), settings.bind(),
        bearer(request), settings.adminToken());
    if (access == ControlAccess.REFUSED) {
      response.setStatus(401);
      response.setHeader("WWW-Authenticate", "Bearer realm=\"offerdesk-sandbox\"");
      response.setContentType("application/json");
      response.getOutputStream().write(("{\"error\":\"The sandbox control API needs its admin token "
          + "(Authorization: Bearer <OFFERDESK_SANDBOX_ADMIN_TOKEN>)\"}").getBytes(StandardCharsets.UTF_8));
      return;
    }
    request.setAttribute(ControlAccess.ATTRIBUTE, access);
    chain.doFilter(request, response);
  }

  private static String bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }
}
