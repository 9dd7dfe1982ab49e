package org.offerdesk.app.web;

/**
 * The one rule for text that comes in from outside (JSON bodies, query strings, forms): no control
 * characters. NUL cannot be stored in PostgreSQL at all, and the others only ever arrive by mistake or
 * malice; tab, line feed and carriage return stay allowed because multi-line fields (notes, refund
 * policies, descriptions typed in a textarea) legitimately hold them.
 */
public final class InputText {

  /** What a refused field is told, the same wherever the text came from. */
  public static final String CONTROL_CHARACTER = "must not contain control characters";

  private InputText() {}

  /** Whether the text holds a character the rule refuses. */
  public static boolean refused(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (refused(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** C0 and C1 control characters and DEL, except tab, line feed and carriage return. */
  static boolean refused(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
  }

  /** The text with refused characters shown as '?', to name a field in an error without echoing them. */
  static String printable(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(refused(c) || c == '\t' || c == '\n' || c == '\r' ? '?' : c);
    }
    return sb.toString();
  }
}
