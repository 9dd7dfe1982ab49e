package org.offerdesk.sandbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import org.offerdesk.sandbox.accounts.Account;

/**
 * A service spoken in AWS's JSON protocol: {@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>}
 * and a JSON body. {@link AwsJsonEndpoint} routes each call to the service whose prefix it names.
 */
public interface AwsJsonService {

  /** The part of {@code X-Amz-Target} before the dot, e.g. {@code AWSMPMeteringService}. */
  String targetPrefix();

  /** {@code 1.0} or {@code 1.1}: the JSON version of the {@code application/x-amz-json-} content type. */
  String jsonVersion();

  /** The service name SigV4 signatures must be scoped to. */
  default String signingName() {
    return "aws-marketplace";
  }

  /** What goes before the error code in {@code __type}, e.g. {@code com.amazonaws.sqs#}. */
  default String errorNamespace() {
    return "";
  }

  /**
   * Runs one operation. Failures are thrown as {@link AwsServiceException} (or {@link AwsJsonError} for
   * errors with more members than a message).
   */
  JsonNode call(String operation, JsonNode input, Account caller, String path);
}
