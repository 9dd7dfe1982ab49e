package org.offerdesk.sandbox.wire;

/**
 * An error answered the way AWS answers it: an HTTP status, the error code the SDKs read from the
 * {@code x-amzn-ErrorType} header, and a message.
 */
public class AwsServiceException extends RuntimeException {

  private final int status;
  private final String code;

  public AwsServiceException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static AwsServiceException validation(String message) {
    return new AwsServiceException(422, "ValidationException", message);
  }

  public static AwsServiceException notFound(String message) {
    return new AwsServiceException(404, "ResourceNotFoundException", message);
  }

  public static AwsServiceException accessDenied(String message) {
    return new AwsServiceException(403, "AccessDeniedException", message);
  }

  public static AwsServiceException inUse(String message) {
    return new AwsServiceException(423, "ResourceInUseException", message);
  }

  public static AwsServiceException quotaExceeded(String message) {
    return new AwsServiceException(402, "ServiceQuotaExceededException", message);
  }

  public static AwsServiceException throttling(String message) {
    return new AwsServiceException(429, "ThrottlingException", message);
  }
}
