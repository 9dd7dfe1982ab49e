package org.offerdesk.app.web;

import java.util.regex.Pattern;

/**
 * The one email address check, for every form and API that takes an address (team members, the first
 * administrator, buyer registrations, offer and listing fields). Deliberately loose, like the
 * {@code type=email} of a browser: one {@code @}, a dotted domain, no whitespace or control characters, at
 * most 254 characters (the longest address SMTP carries). Whether an address exists is for the mail server
 * to say. Callers strip and lower-case as their field needs before checking.
 */
public final class EmailAddress {

  /** What a refused field is told, the same everywhere. */
  public static final String INVALID = "must be an email address";

  /** RFC 5321: a forward path holds at most 256 octets including the angle brackets. */
  static final int MAX_LENGTH = 254;

  private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private EmailAddress() {}

  /** Whether {@code text} is an email address as OfferDesk accepts it; null is not. */
  public static boolean valid(String text) {
    return text != null && text.length() <= MAX_LENGTH && !InputText.refused(text) && SHAPE.matcher(text).matches();
  }
}
