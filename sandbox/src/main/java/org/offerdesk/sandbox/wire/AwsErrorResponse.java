package org.offerdesk.sandbox.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Writes errors in the REST-JSON shape the AWS SDKs parse: the code in {@code x-amzn-ErrorType}, the
 * message in the body as {@code Message} (and {@code message}, which some SDKs prefer).
 */
public final class AwsErrorResponse {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsErrorResponse() {}

  public static ObjectNode body(AwsServiceException e) {
    ObjectNode body = JSON.createObjectNode();
    body.put("Message", e.getMessage());
    body.put("message", e.getMessage());
    return body;
  }

  public static ResponseEntity<ObjectNode> entity(AwsServiceException e) {
    return ResponseEntity.status(e.status())
        .header("x-amzn-ErrorType", e.code())
        .header("x-amzn-RequestId", UUID.randomUUID().toString())
        .contentType(MediaType.APPLICATION_JSON)
        .body(body(e));
  }

  public static void write(HttpServletResponse response, AwsServiceException e) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body(e));
    response.setStatus(e.status());
    response.setHeader("x-amzn-ErrorType", e.code());
    response.setHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    response.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    response.getOutputStream().flush();
  }
}
