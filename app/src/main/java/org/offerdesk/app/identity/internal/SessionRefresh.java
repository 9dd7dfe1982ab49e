package org.offerdesk.app.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.offerdesk.app.identity.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session keeps up with its user: a role change applies on the next request, and a deactivated
 * user's session ends.
 */
class SessionRefresh extends OncePerRequestFilter {

  private final CallerDirectory callers;

  SessionRefresh(CallerDirectory callers) {
    this.callers = callers;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof Caller caller && !caller.isToken()) {
      Optional<Caller> current = callers.refresh(caller);
      if (current.isEmpty()) {
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        SecurityContextHolder.clearContext();
      } else if (!current.get().equals(caller)) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(CallerAuthorities.authentication(current.get()));
        SecurityContextHolder.setContext(context);
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.setAttribute("SPRING_SECURITY_CONTEXT", context);
        }
      }
    }
    chain.doFilter(request, response);
  }
}
