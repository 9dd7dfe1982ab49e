package org.offerdesk.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

/**
 * Every console page's layout (head, navbar, the notice and the alert, around the page's own content), written
 * here as {@code layout.html}'s expressions wrote it: values escaped as {@code th:text} and attribute values are,
 * links as {@code @{…}} writes them (context path, the {@link RequestDataValueProcessor}, {@code encodeURL}, so
 * static files keep their hashed names), the sign-out form's hidden CSRF field as {@code th:action} adds it.
 * {@code layout.html} calls {@link #top} and {@link #bottom} (two expressions instead of about twenty a page); a
 * page written wholly in Java ({@link #page}) renders without Thymeleaf. Identity gives the navbar's links and
 * who is signed in ({@link Navbar}), notifications the bell's count ({@link Bell}). Public only so that the
 * template can call it.
 */
@Component("consoleLayout")
public class ConsoleLayout {

  /** The navbar's links the caller may follow ({@code section}'s active) and who is signed in, as HTML. */
  public interface Navbar {

    String links(String section);

    String whoami();
  }

  /** The navbar bell's unread count for the signed-in caller. */
  public interface Bell {

    long unread();
  }

  private static final String BELL_ICON = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\" "
      + "fill=\"currentColor\" viewBox=\"0 0 16 16\" aria-hidden=\"true\"><path d=\"M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 "
      + "2zm.995-14.901a1 1 0 1 0-1.99 0A5.002 5.002 0 0 0 3 6c0 1.098-.5 6-2 7h14c-1.5-1-2-5.902-2-7 0-2.42-1.72-4.44"
      + "-4.005-4.901z\"/></svg>";

  /** The parts other modules give, looked up once: a lookup a request was ~4% of the dashboard's request threads. */
  private record Parts(Navbar navbar, Bell bell, RequestDataValueProcessor processor) {}

  private final ObjectProvider<Navbar> navbars;
  private final ObjectProvider<Bell> bells;
  private final ObjectProvider<RequestDataValueProcessor> processors;
  private volatile Parts parts;

  ConsoleLayout(ObjectProvider<Navbar> navbars, ObjectProvider<Bell> bells,
      ObjectProvider<RequestDataValueProcessor> processors) {
    this.navbars = navbars;
    this.bells = bells;
    this.processors = processors;
  }

  private Parts parts() {
    Parts found = parts;
    if (found == null) {
      found = new Parts(navbars.getIfAvailable(), bells.getIfAvailable(), processors.getIfAvailable());
      parts = found;
    }
    return found;
  }

  /**
   * A page written wholly in Java: the layout around {@code content}, as {@code text/html}, no Thymeleaf. The
   * content's parts are written in turn, not joined into one string first (a page's worth of characters less to copy).
   */
  public View page(String title, String section, String... content) {
    return new View() {
      @Override
      public String getContentType() {
        return "text/html;charset=UTF-8";
      }

      @Override
      public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        response.setContentType(getContentType());
        PrintWriter out = response.getWriter();
        out.write("<!DOCTYPE html>\n<html lang=\"en\">");
        out.write(top(request, response, title, section, model.get("notice"), model.get("alert")));
        for (String part : content) {
          out.write(part);
        }
        out.write(bottom());
        out.write("</html>\n");
      }
    };
  }

  /** From {@code <head>} to the page's content: what {@code layout.html} writes before {@code content}. */
  public String top(String title, String section, Object notice, Object alert) {
    ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
    return top(current.getRequest(), current.getResponse(), title, section, notice, alert);
  }

  /** For a page written in Java: {@code @{path}} as a template writes it (hashed static names), escaped. */
  public String link(String path) {
    ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
    return link(current.getRequest(), current.getResponse(), path);
  }

  /**
   * For a page written in Java: a {@code post} form's start as {@code th:action="@{path}"} writes it, up to and
   * with the hidden fields it adds (the CSRF token's) after the tag; {@code attributes} go between the method and
   * the tag's end.
   */
  public String postForm(String path, String attributes) {
    ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
    StringBuilder out = new StringBuilder(300).append("<form action=\"")
        .append(action(current.getRequest(), current.getResponse(), path)).append("\" method=\"post\"")
        .append(attributes).append('>');
    hiddenFields(out, current.getRequest());
    return out.toString();
  }

  /** After the page's content. */
  public String bottom() {
    return "\n</main>\n</body>\n";
  }

  private String top(HttpServletRequest request, HttpServletResponse response, String title, String section,
      Object notice, Object alert) {
    CsrfToken csrf = request.getAttribute("_csrf") instanceof CsrfToken t ? t : null;
    String token = csrf == null ? null : Html.escape(csrf.getToken());
    String header = csrf == null ? null : Html.escape(csrf.getHeaderName());
    StringBuilder out = new StringBuilder(4000)
        .append("\n<head>\n  <meta charset=\"utf-8\">\n")
        .append("  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n  ");
    if (csrf != null) {
      out.append("<meta name=\"_csrf\" content=\"").append(token).append("\">");
    }
    out.append("\n  ");
    if (csrf != null) {
      out.append("<meta name=\"_csrf_header\" content=\"").append(header).append("\">");
    }
    out.append("\n  <title>").append(Html.escape(title + " · OfferDesk")).append("</title>\n")
        .append("  <link rel=\"stylesheet\" href=\"").append(link(request, response, "/webjars/bootstrap/css/bootstrap.min.css"))
        .append("\">\n  <link rel=\"stylesheet\" href=\"").append(link(request, response, "/css/offerdesk.css"))
        .append("\">\n  <script src=\"").append(link(request, response, "/webjars/htmx.org/dist/htmx.min.js"))
        .append("\" defer></script>\n  <script src=\"").append(link(request, response, "/js/offerdesk.js"))
        .append("\" defer></script>\n</head>\n<body hx-headers='")
        .append(csrf == null ? "{}" : "{&quot;" + header + "&quot;: &quot;" + token + "&quot;}").append("'>\n");
    if (signedIn()) {
      nav(out, request, response, section);
    }
    out.append("\n<main class=\"container-fluid py-4 px-4\">\n  ");
    if (truthy(notice)) {
      out.append("<div class=\"alert alert-success\" role=\"status\">").append(Html.escape(String.valueOf(notice)))
          .append("</div>");
    }
    out.append("\n  ");
    if (truthy(alert)) {
      out.append("<div class=\"alert alert-danger\" role=\"alert\">").append(Html.escape(String.valueOf(alert)))
          .append("</div>");
    }
    return out.append("\n  ").toString();
  }

  private void nav(StringBuilder out, HttpServletRequest request, HttpServletResponse response, String section) {
    Navbar links = parts().navbar();
    Bell count = parts().bell();
    long unread = count == null ? 0 : count.unread();
    out.append("<nav class=\"navbar navbar-expand navbar-dark bg-dark px-3\">\n  \n  ")
        .append(links == null ? "" : links.links(section))
        .append("\n  <a class=\"btn btn-sm btn-outline-light me-3").append("notifications".equals(section) ? " active" : "")
        .append("\" href=\"").append(link(request, response, "/notifications"))
        .append("\"\n     data-testid=\"bell\" title=\"Notifications\" aria-label=\"Notifications\">").append(BELL_ICON);
    if (unread > 0) {
      out.append("<span\n     class=\"badge rounded-pill text-bg-danger ms-1\" data-testid=\"unread-count\">")
          .append(unread > 99 ? "99+" : Long.toString(unread)).append("</span>");
    }
    out.append("</a>\n  ").append(links == null ? "" : links.whoami()).append("\n  <form action=\"")
        .append(action(request, response, "/signout")).append("\" method=\"post\" class=\"d-inline\">");
    hiddenFields(out, request);
    out.append("\n    <button type=\"submit\" class=\"btn btn-sm btn-outline-light\">Sign out</button>\n  </form>\n</nav>");
  }

  /** As {@code th:action} on a form: the processor's action URL. */
  private String action(HttpServletRequest request, HttpServletResponse response, String path) {
    String url = response.encodeURL(request.getContextPath() + path);
    RequestDataValueProcessor p = parts().processor();
    return Html.escape(p == null ? url : p.processAction(request, url, "post"));
  }

  /** The hidden fields {@code th:action} adds to a form (the CSRF token's). */
  private void hiddenFields(StringBuilder out, HttpServletRequest request) {
    RequestDataValueProcessor p = parts().processor();
    Map<String, String> fields = p == null ? null : p.getExtraHiddenFields(request);
    if (fields != null) {
      fields.forEach((name, value) -> out.append("<input type=\"hidden\" name=\"").append(Html.escape(name))
          .append("\" value=\"").append(Html.escape(value)).append("\"/>"));
    }
  }

  /** As {@code @{path}}: under the context path, through the response's URL encoding, then the processor. */
  private String link(HttpServletRequest request, HttpServletResponse response, String path) {
    String url = response.encodeURL(request.getContextPath() + path);
    RequestDataValueProcessor p = parts().processor();
    return Html.escape(p == null ? url : p.processUrl(request, url));
  }

  /** As {@code th:if} reads a value: not null, false, 0, or the text "false", "off" or "no". */
  public static boolean truthy(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof String s) {
      return !s.equalsIgnoreCase("false") && !s.equalsIgnoreCase("off") && !s.equalsIgnoreCase("no");
    }
    return value != null;
  }

  private static boolean signedIn() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken);
  }

}
