package org.offerdesk.sandbox.accounts;

import java.time.Instant;

/** An AWS account of the sandbox; sellers and resellers have an access key to sign API calls. */
public record Account(
    AwsAccountId id, String name, AccountKind kind, String accessKeyId, String secretAccessKey, Instant createdAt) {

  public boolean isSeller() {
    return kind == AccountKind.SELLER;
  }

  public boolean isReseller() {
    return kind == AccountKind.RESELLER;
  }

  /** The secret key as shown to a caller without the admin token: its last four characters only. */
  public String maskedSecretAccessKey() {
    if (secretAccessKey == null) {
      return null;
    }
    int shown = Math.min(4, secretAccessKey.length() / 4);
    return "****" + secretAccessKey.substring(secretAccessKey.length() - shown);
  }
}
