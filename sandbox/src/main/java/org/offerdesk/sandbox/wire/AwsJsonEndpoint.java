package org.offerdesk.sandbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.sandbox.accounts.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one door of every awsJson service (Agreement, Metering, Entitlement, SQS): {@code POST /}, or a
 * queue URL's path for SQS, routed by {@code X-Amz-Target}. Errors go out as AWS writes them: status 400
 * (500 for internal errors), {@code __type} and {@code message} in the body.
 */
@RestController
public class AwsJsonEndpoint {

  /** The header that names the operation. */
  public static final String TARGET = "X-Amz-Target";
  private static final Logger log = LoggerFactory.getLogger(AwsJsonEndpoint.class);

  private final Map<String, AwsJsonService> byPrefix = new HashMap<>();

  AwsJsonEndpoint(List<AwsJsonService> services) {
    services.forEach(s -> byPrefix.put(s.targetPrefix(), s));
  }

  /** The service a target names, if any; the signature check asks it which signing name to expect. */
  public Optional<AwsJsonService> serviceFor(String target) {
    if (target == null || target.indexOf('.') < 0) {
      return Optional.empty();
    }
    return Optional.ofNullable(byPrefix.get(target.substring(0, target.indexOf('.'))));
  }

  @PostMapping(path = {"/", "/{accountId:\\d{12}}/{queueName}"}, headers = TARGET)
  ResponseEntity<byte[]> call(HttpServletRequest request) throws IOException {
    String target = request.getHeader(TARGET);
    Optional<AwsJsonService> service = serviceFor(target);
    if (service.isEmpty()) {
      return error("1.1", "", new AwsServiceException(400, "UnknownOperationException", "Unknown operation " + target));
    }
    AwsJsonService s = service.get();
    try {
      byte[] bytes = request.getInputStream().readAllBytes();
      JsonNode input = bytes.length == 0 ? AwsJson.object() : AwsJson.JSON.readTree(bytes);
      if (input == null || !input.isObject()) {
        throw new AwsServiceException(400, "SerializationException", "The request body is not a JSON object");
      }
      Account caller = (Account) request.getAttribute("org.offerdesk.sandbox.caller");
      JsonNode output = s.call(target.substring(target.indexOf('.') + 1), input, caller, request.getRequestURI());
      return ResponseEntity.ok()
          .header("Content-Type", "application/x-amz-json-" + s.jsonVersion())
          .header("x-amzn-RequestId", UUID.randomUUID().toString())
          .body(AwsJson.JSON.writeValueAsBytes(output == null ? AwsJson.object() : output));
    } catch (AwsServiceException e) {
      return error(s.jsonVersion(), s.errorNamespace(), e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return error(s.jsonVersion(), s.errorNamespace(),
          new AwsServiceException(400, "SerializationException", "The request body is not valid JSON"));
    } catch (RuntimeException e) {
      log.error("{} failed inside the sandbox", target, e);
      String code = s.signingName().equals("sqs") ? "InternalError" : "InternalServerException";
      return error(s.jsonVersion(), s.errorNamespace(), new AwsServiceException(500, code, "The sandbox failed: " + e.getMessage()));
    }
  }

  private static ResponseEntity<byte[]> error(String jsonVersion, String namespace, AwsServiceException e) throws IOException {
    ObjectNode body = AwsJson.object();
    body.put("__type", namespace + e.code());
    body.put("message", e.getMessage());
    if (e instanceof AwsJsonError withMembers) {
      withMembers.members().forEach((k, v) -> body.set(k, AwsJson.JSON.valueToTree(v)));
    }
    int status = e.status() >= 500 ? e.status() : 400;
    return ResponseEntity.status(status)
        .header("Content-Type", "application/x-amz-json-" + jsonVersion)
        .header("x-amzn-RequestId", UUID.randomUUID().toString())
        .body(AwsJson.JSON.writeValueAsBytes(body));
  }
}
