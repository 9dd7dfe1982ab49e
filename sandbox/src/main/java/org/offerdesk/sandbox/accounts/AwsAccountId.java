package org.offerdesk.sandbox.accounts;

import java.util.regex.Pattern;

/** A 12-digit AWS account ID. */
public record AwsAccountId(String value) {

  private static final Pattern TWELVE_DIGITS = Pattern.compile("^\\d{12}$");

  public AwsAccountId {
    if (value == null || !TWELVE_DIGITS.matcher(value).matches()) {
      throw new IllegalArgumentException("An AWS account ID has 12 digits, not '" + value + "'");
    }
  }

  public static boolean isValid(String value) {
    return value != null && TWELVE_DIGITS.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
