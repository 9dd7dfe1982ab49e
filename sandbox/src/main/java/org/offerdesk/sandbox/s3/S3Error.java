package org.offerdesk.sandbox.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import org.offerdesk.sandbox.wire.AwsServiceException;

/** An error S3 answers with its XML body: status, code, message and the extra elements S3 adds (Key, BucketName…). */
final class S3Error extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, String> details = new LinkedHashMap<>();

  S3Error(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  S3Error with(String element, String value) {
    details.put(element, value);
    return this;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Map<String, String> details() {
    return details;
  }

  static S3Error noSuchBucket(String bucket) {
    return new S3Error(404, "NoSuchBucket", "The specified bucket does not exist").with("BucketName", bucket);
  }

  static S3Error noSuchKey(String key) {
    return new S3Error(404, "NoSuchKey", "The specified key does not exist.").with("Key", key);
  }

  static S3Error accessDenied() {
    return new S3Error(403, "AccessDenied", "Access Denied");
  }

  static S3Error invalidRange(long size) {
    return new S3Error(416, "InvalidRange", "The requested range is not satisfiable")
        .with("ActualObjectSize", Long.toString(size));
  }

  /** S3's codes for what the signature check of the JSON services reports with theirs. */
  static S3Error of(AwsServiceException signing) {
    return switch (signing.code()) {
      case "MissingAuthenticationTokenException" -> accessDenied();
      case "IncompleteSignatureException" ->
          new S3Error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed; " + signing.getMessage());
      case "UnrecognizedClientException" ->
          new S3Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
      default -> new S3Error(403, "SignatureDoesNotMatch", signing.getMessage());
    };
  }
}
