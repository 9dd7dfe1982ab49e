package org.offerdesk.app.marketplace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.offerdesk.app.marketplace.MarketplaceRejection;
import org.offerdesk.app.marketplace.MarketplaceUnreachable;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.marketplaceagreement.endpoints.MarketplaceAgreementEndpointProvider;

/**
 * Agreement API operations that SDK 2.40.2 predates (ListAgreementInvoiceLineItems and the billing
 * adjustment requests), called as the generated client would: AWS JSON 1.0 on
 * {@code AWSMPCommerceService_v20200301}, SigV4-signed by the SDK's own signer with the connection's
 * credentials, through the SDK HTTP client every other call uses (so the outbound guard applies). When the
 * SDK served here knows these operations, {@link SdkBilling} switches to the generated client and this
 * class goes.
 */
@Component
class AgreementJsonCalls {

  static final String TARGET_PREFIX = "AWSMPCommerceService_v20200301.";
  static final String SIGNING_NAME = "aws-marketplace";
  private static final int ATTEMPTS = 3;

  private final SdkClients clients;
  private final ObjectMapper json = new ObjectMapper();

  AgreementJsonCalls(SdkClients clients) {
    this.clients = clients;
  }

  ObjectNode object() {
    return json.createObjectNode();
  }

  /**
   * Runs one operation and answers its JSON. Throttling, a 5xx or no answer is tried again (up to three
   * times): every operation called here is a read or carries a client token, so a repeat is harmless.
   */
  JsonNode call(UUID organizationId, String operation, JsonNode input) {
    SdkClients.Raw raw = clients.raw(organizationId);
    for (int attempt = 1; ; attempt++) {
      try {
        return once(raw, operation, input);
      } catch (MarketplaceUnreachable | MarketplaceRejection e) {
        boolean again = e instanceof MarketplaceUnreachable || ((MarketplaceRejection) e).retryable();
        if (!again || attempt == ATTEMPTS) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  private JsonNode once(SdkClients.Raw raw, String operation, JsonNode input) {
    byte[] body = input.toString().getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
        .uri(endpoint(raw))
        .encodedPath("/")
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
        .putHeader("Content-Length", String.valueOf(body.length))
        .build();
    ContentStreamProvider payload = ContentStreamProvider.fromByteArray(body);
    try {
      AwsCredentialsIdentity identity = raw.credentials().resolveIdentity().join();
      SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
          .payload(payload)
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
          .putProperty(AwsV4HttpSigner.REGION_NAME, raw.region().id())).request();
      HttpExecuteResponse response = raw.http().prepareRequest(HttpExecuteRequest.builder().request(signed)
          .contentStreamProvider(payload).build()).call();
      String text = read(response);
      int status = response.httpResponse().statusCode();
      if (status >= 300) {
        throw rejection(status, text, response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null));
      }
      return text.isBlank() ? object() : json.readTree(text);
    } catch (IOException | java.util.concurrent.CompletionException e) {
      throw new MarketplaceUnreachable(operation + ": " + e.getMessage(), e);
    }
  }

  /** The connection's endpoint override, else the Agreement API's own endpoint in its region. */
  private static URI endpoint(SdkClients.Raw raw) {
    if (raw.endpointOverride() != null) {
      return raw.endpointOverride();
    }
    return MarketplaceAgreementEndpointProvider.defaultProvider()
        .resolveEndpoint(p -> p.region(raw.region())).join().url();
  }

  private static String read(HttpExecuteResponse response) throws IOException {
    if (response.responseBody().isEmpty()) {
      return "";
    }
    try (InputStream in = response.responseBody().get()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** An awsJson error: the code from {@code __type} (or the header), without its namespace. */
  MarketplaceRejection rejection(int status, String body, String errorTypeHeader) {
    String code = null;
    String message = null;
    try {
      JsonNode error = json.readTree(body);
      code = error.path("__type").asText(null);
      message = error.hasNonNull("message") ? error.get("message").asText() : error.path("Message").asText(null);
    } catch (IOException | RuntimeException notJson) {
      // some proxies answer HTML: the status and header are all there is
    }
    if (code == null && errorTypeHeader != null) {
      code = errorTypeHeader;
    }
    if (code != null) {
      code = code.substring(code.lastIndexOf('#') + 1);
      code = code.contains(":") ? code.substring(0, code.indexOf(':')) : code;
    }
    boolean throttled = status == 429 || (code != null && code.contains("Throttling"));
    String text = (code == null ? "HTTP " + status : code) + ": " + (message == null ? body : message);
    return new MarketplaceRejection(text, status, throttled, code != null, code, message, null);
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(250L << (2 * (attempt - 1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MarketplaceUnreachable("Interrupted while waiting to try again", e);
    }
  }
}
