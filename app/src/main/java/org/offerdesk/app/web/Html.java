package org.offerdesk.app.web;

import org.unbescape.html.HtmlEscape;

/** Text put into markup written in Java (console pages, charts): escaped as Thymeleaf's {@code th:text} escapes it. */
public final class Html {

  private Html() {}

  /** The text escaped for an element's content or a quoted attribute; nothing for none. */
  public static String escape(String text) {
    return text == null ? "" : HtmlEscape.escapeHtml4Xml(text);
  }

  /** A value as {@code th:text} writes it: its text, escaped; nothing for null. */
  public static String text(Object value) {
    return value == null ? "" : escape(value.toString());
  }
}
