package org.offerdesk.app.web;

import org.unbescape.html.HtmlEscape;

/** Text put into markup written in Java (console pages, charts): escaped as Thymeleaf's {@code th:text} escapes it. */
public final class Html {

  private Html() {}

  /** The text escaped for an element's content or a quoted attribute; nothing for none. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    // Level 1 escapes only these five: text without them comes back as it is, without unbescape's walk.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
        return HtmlEscape.escapeHtml4Xml(text);
      }
    }
    return text;
  }

  /** A value as {@code th:text} writes it: its text, escaped; nothing for null. */
  public static String text(Object value) {
    return value == null ? "" : escape(value.toString());
  }
}
