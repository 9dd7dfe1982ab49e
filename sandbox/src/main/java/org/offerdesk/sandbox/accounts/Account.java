package org.offerdesk.sandbox.accounts;

import java.time.Instant;

/** An AWS account of the sandbox; sellers and resellers have an access key to sign API calls. */
public record Account(
    AwsAccountId id, String name, AccountKind kind, String accessKeyId, String secretAccessKey, Instant createdAt) {

  /** Data-feed buckets are named after their account: {@code sandbox-datafeeds-<account id>}. */
  public static final String DATA_FEED_BUCKET_PREFIX = "sandbox-datafeeds-";

  public boolean isSeller() {
    return kind == AccountKind.SELLER;
  }

  public boolean isReseller() {
    return kind == AccountKind.RESELLER;
  }

  /** The S3 bucket the seller data feeds of a seller or reseller are delivered to; buyers have none. */
  public String dataFeedBucket() {
    return kind.signsApiCalls() ? DATA_FEED_BUCKET_PREFIX + id.value() : null;
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
