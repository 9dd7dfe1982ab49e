package org.offerdesk.sandbox.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/** An awsJson error with members besides its message, such as the Agreement API's {@code reason}. */
public class AwsJsonError extends AwsServiceException {

  private final Map<String, Object> members;

  public AwsJsonError(String code, String message, Map<String, Object> members) {
    super(400, code, message);
    this.members = new LinkedHashMap<>(members);
  }

  public Map<String, Object> members() {
    return members;
  }

  /** A 400 error with only a message: what most awsJson errors are. */
  public static AwsServiceException of(String code, String message) {
    return new AwsServiceException(400, code, message);
  }
}
