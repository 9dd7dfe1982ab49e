package org.offerdesk.sandbox.signing;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.accounts.TemporaryCredentials;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.stereotype.Component;

/**
 * Checks a request's SigV4 signature against the keys of the sandbox's accounts and the temporary
 * credentials STS issued, and tells which account signed it. Errors carry the codes of the JSON
 * services ({@code UnrecognizedClientException}, {@code InvalidSignatureException}, …); S3 translates them
 * to its own.
 */
@Component
public class RequestSignatures {

  /** The account that signed a request, and the STS session when temporary credentials signed it. */
  public record Signer(Account account, Optional<TemporaryCredentials.Issued> session) {}

  private final Accounts accounts;
  private final TemporaryCredentials temporary;

  RequestSignatures(Accounts accounts, TemporaryCredentials temporary) {
    this.accounts = accounts;
    this.temporary = temporary;
  }

  /**
   * Verifies the signature of {@code request} with body {@code body} for {@code service}; {@code s3} selects
   * S3's canonical path (as sent, not encoded twice).
   */
  public Signer verify(HttpServletRequest request, byte[] body, String service, boolean s3) {
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      throw new AwsServiceException(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    SigV4.Authorization auth = SigV4.parseAuthorization(header);
    if (auth == null) {
      throw new AwsServiceException(403, "IncompleteSignatureException",
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters "
              + "with algorithm AWS4-HMAC-SHA256.");
    }
    Optional<Account> account = accounts.findByAccessKey(auth.accessKeyId());
    String secret = account.map(Account::secretAccessKey).orElse(null);
    Optional<TemporaryCredentials.Issued> session = Optional.empty();
    if (account.isEmpty()) {
      // Temporary credentials from AssumeRole act as the role's account, with their session token.
      session = temporary.find(auth.accessKeyId());
      String token = request.getHeader("X-Amz-Security-Token");
      if (session.isEmpty() || token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
          session.get().sessionToken().getBytes(StandardCharsets.UTF_8))) {
        throw new AwsServiceException(403, "UnrecognizedClientException",
            "The security token included in the request is invalid.");
      }
      account = Optional.of(session.get().account());
      secret = session.get().secretAccessKey();
    }
    if (!service.equals(auth.service())) {
      throw invalidSignature("Credential should be scoped to correct service: '" + service + "'.");
    }
    String amzDate = request.getHeader("X-Amz-Date");
    if (amzDate == null || !auth.signedHeaders().contains("host") || !amzDate.startsWith(auth.date())) {
      throw invalidSignature("The request must sign the host header and carry an X-Amz-Date matching the credential scope.");
    }
    String payloadHash = SigV4.hex(SigV4.sha256(body));
    String declared = request.getHeader("x-amz-content-sha256");
    if (declared != null && !declared.equals(SigV4.UNSIGNED_PAYLOAD)) {
      if (!MessageDigest.isEqual(declared.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
          payloadHash.getBytes(StandardCharsets.US_ASCII))) {
        throw invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
      }
    } else if (declared != null) {
      payloadHash = SigV4.UNSIGNED_PAYLOAD;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : auth.signedHeaders()) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    String canonical = s3
        ? SigV4.s3CanonicalRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(), headers,
            auth.signedHeaders(), payloadHash)
        : SigV4.canonicalRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(), headers,
            auth.signedHeaders(), payloadHash);
    String expected = SigV4.signature(secret, auth, SigV4.stringToSign(amzDate, auth.scope(), canonical));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), auth.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw invalidSignature("The request signature we calculated does not match the signature you provided. "
          + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
    return new Signer(account.get(), session);
  }

  private static AwsServiceException invalidSignature(String message) {
    return new AwsServiceException(403, "InvalidSignatureException", message);
  }
}
