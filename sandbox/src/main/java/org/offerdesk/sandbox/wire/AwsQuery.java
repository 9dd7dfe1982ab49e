package org.offerdesk.sandbox.wire;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The AWS query protocol, as STS speaks it: a form-encoded {@code POST /} naming an {@code Action} (no
 * {@code X-Amz-Target}), answered with XML in the service's namespace; errors as an {@code ErrorResponse}.
 */
public final class AwsQuery {

  /** STS's XML namespace. */
  public static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private AwsQuery() {}

  /** Whether a request is a query-protocol call (and so an STS call in the sandbox). */
  public static boolean isQueryCall(HttpServletRequest request) {
    String type = request.getContentType();
    return "POST".equals(request.getMethod()) && "/".equals(request.getRequestURI())
        && request.getHeader(AwsJsonEndpoint.TARGET) == null && type != null
        && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  /** The form parameters of a body. */
  public static Map<String, String> parameters(byte[] body) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }

  /** XML text with its special characters escaped. */
  public static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** An action's answer: {@code <ActionResponse><ActionResult>result</ActionResult>…</ActionResponse>}. */
  public static String response(String action, String resultXml) {
    return "<" + action + "Response xmlns=\"" + STS_NAMESPACE + "\">"
        + "<" + action + "Result>" + resultXml + "</" + action + "Result>"
        + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
        + "</" + action + "Response>";
  }

  /** An error as STS writes it; the codes of the signature check are renamed to STS's own. */
  public static String error(AwsServiceException e) {
    String code = switch (e.code()) {
      case "UnrecognizedClientException" -> "InvalidClientTokenId";
      case "InvalidSignatureException" -> "SignatureDoesNotMatch";
      case "MissingAuthenticationTokenException" -> "MissingAuthenticationToken";
      case "IncompleteSignatureException" -> "IncompleteSignature";
      default -> e.code();
    };
    return "<ErrorResponse xmlns=\"" + STS_NAMESPACE + "\"><Error><Type>"
        + (e.status() >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + escape(code) + "</Code><Message>"
        + escape(e.getMessage()) + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
  }

  public static void writeError(HttpServletResponse response, AwsServiceException e) throws IOException {
    byte[] bytes = error(e).getBytes(StandardCharsets.UTF_8);
    response.setStatus(e.status());
    response.setHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    response.setContentType("text/xml");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    response.getOutputStream().flush();
  }
}
