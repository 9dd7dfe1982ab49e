package org.offerdesk.app.identity.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.ConsoleLayout;
import org.offerdesk.app.web.Html;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The navbar's links and who is signed in, which web's {@link ConsoleLayout} writes on every console page: the
 * same HTML the layout template's {@code th:if}/{@code th:classappend}/{@code th:href} per link wrote (about 30
 * expressions a page, each an evaluation and a link build), written here once, escaped as {@code th:text} escapes.
 */
@Component("consoleNav")
class ConsoleNav implements ConsoleLayout.Navbar {

  /** A navbar link: shown when the caller holds every authority named, marked active on its section. */
  private record Link(String section, String path, String label, List<String> authorities) {}

  private static final List<Link> LINKS = List.of(
      new Link("dashboard", "/dashboard", "Dashboard", List.of("OFFERS_VIEW", "ORDERS_VIEW")),
      new Link("offers", "/offers", "Offers", List.of("OFFERS_VIEW")),
      new Link("orders", "/orders", "Orders", List.of("ORDERS_VIEW")),
      new Link("renewals", "/renewals", "Renewals", List.of("ORDERS_VIEW")),
      new Link("approvals", "/approval-requests", "Approvals", List.of("OFFERS_VIEW")),
      new Link("partners", "/partners", "Partners", List.of("PARTNERS_VIEW")),
      new Link("finance", "/finance", "Finance", List.of("FINANCE_VIEW")),
      new Link("listings", "/listings", "Listings", List.of("LISTINGS_VIEW")),
      new Link("settings", "/settings", "Settings", List.of()));

  /** The brand and the links the signed-in caller may follow, the one of {@code section} active. */
  @Override
  public String links(String section) {
    Set<String> granted = new HashSet<>();
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null) {
      for (GrantedAuthority a : authentication.getAuthorities()) {
        granted.add(a.getAuthority());
      }
    }
    ServletRequestAttributes request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r
        ? r : null;
    StringBuilder out = new StringBuilder(1200);
    out.append("<a class=\"navbar-brand fw-semibold\" href=\"").append(Html.escape(url(request, "/dashboard")))
        .append("\">OfferDesk</a>\n  <ul class=\"navbar-nav me-auto\">");
    for (Link link : LINKS) {
      if (granted.containsAll(link.authorities())) {
        out.append("\n    <li class=\"nav-item\"><a class=\"nav-link")
            .append(link.section().equals(section) ? " active" : "").append("\" href=\"")
            .append(Html.escape(url(request, link.path()))).append("\">").append(link.label()).append("</a></li>");
      }
    }
    return out.append("\n  </ul>").toString();
  }

  /** The signed-in caller's name, organization and role. */
  @Override
  public String whoami() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    Caller caller = authentication != null && authentication.getPrincipal() instanceof Caller c ? c : null;
    return "<span class=\"navbar-text me-3 small\" data-testid=\"whoami\">\n    <span>"
        + Html.escape(caller == null ? null : caller.displayName()) + "</span> ·\n    <span>"
        + Html.escape(caller == null ? null : caller.organizationName()) + "</span> ·\n    <span>"
        + Html.escape(caller == null || caller.role() == null ? null : caller.role().toString()) + "</span>\n  </span>";
  }

  /** As {@code @{path}} writes it: under the context path, through the response's URL encoding. */
  private static String url(ServletRequestAttributes request, String path) {
    if (request == null) {
      return path;
    }
    String url = request.getRequest().getContextPath() + path;
    return request.getResponse() == null ? url : request.getResponse().encodeURL(url);
  }

}
