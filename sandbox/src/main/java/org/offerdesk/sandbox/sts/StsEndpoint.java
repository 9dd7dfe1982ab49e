package org.offerdesk.sandbox.sts;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.accounts.TemporaryCredentials;
import org.offerdesk.sandbox.signing.SignatureFilter;
import org.offerdesk.sandbox.wire.AwsQuery;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * STS on the sandbox's port: {@code POST /}, form-encoded, signed for service {@code sts}, as the AWS SDK's
 * {@code StsClient} sends it. The sandbox has no IAM: an account's own keys are its root identity, and any
 * signing account may assume any role name in any seller or reseller account, provided it gives an external
 * ID (as a third-party role's trust policy demands). The temporary credentials then sign every sandbox API
 * as that account.
 */
@RestController
class StsEndpoint {

  private static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::([0-9]{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})$");
  private static final Pattern SESSION_NAME = Pattern.compile("^[\\w+=,.@-]{2,64}$");
  private static final Pattern EXTERNAL_ID = Pattern.compile("^[\\w+=,.@:/-]{2,1224}$");

  private final Accounts accounts;
  private final TemporaryCredentials temporary;

  StsEndpoint(Accounts accounts, TemporaryCredentials temporary) {
    this.accounts = accounts;
    this.temporary = temporary;
  }

  @PostMapping(path = "/", consumes = "application/x-www-form-urlencoded", headers = "!X-Amz-Target")
  ResponseEntity<String> call(HttpServletRequest request) throws IOException {
    Map<String, String> params = AwsQuery.parameters(request.getInputStream().readAllBytes());
    String action = params.getOrDefault("Action", "");
    try {
      Account caller = (Account) request.getAttribute(SignatureFilter.CALLER);
      TemporaryCredentials.Issued session = (TemporaryCredentials.Issued) request.getAttribute(SignatureFilter.SESSION);
      String xml = switch (action) {
        case "GetCallerIdentity" -> AwsQuery.response(action, callerIdentity(caller, session));
        case "AssumeRole" -> AwsQuery.response(action, assumeRole(params));
        default -> throw new AwsServiceException(400, "InvalidAction",
            "Could not find operation " + action + " for version " + params.get("Version"));
      };
      return xml(200, xml);
    } catch (AwsServiceException e) {
      return xml(e.status(), AwsQuery.error(e));
    }
  }

  private static String callerIdentity(Account caller, TemporaryCredentials.Issued session) {
    String account = caller.id().value();
    String arn = session != null ? session.assumedRoleArn() : "arn:aws:iam::" + account + ":root";
    String userId = session != null ? "AROA" + roleId(session) + ":" + session.sessionName() : account;
    return "<Arn>" + AwsQuery.escape(arn) + "</Arn><UserId>" + AwsQuery.escape(userId) + "</UserId>"
        + "<Account>" + account + "</Account>";
  }

  private String assumeRole(Map<String, String> params) {
    String roleArn = params.getOrDefault("RoleArn", "");
    Matcher arn = ROLE_ARN.matcher(roleArn);
    if (!arn.matches()) {
      throw validation("RoleArn", roleArn);
    }
    String sessionName = params.getOrDefault("RoleSessionName", "");
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw validation("RoleSessionName", sessionName);
    }
    int seconds;
    try {
      seconds = Integer.parseInt(params.getOrDefault("DurationSeconds", "3600"));
    } catch (NumberFormatException e) {
      throw validation("DurationSeconds", params.get("DurationSeconds"));
    }
    if (seconds < 900 || seconds > 43_200) {
      throw validation("DurationSeconds", String.valueOf(seconds));
    }
    String externalId = params.get("ExternalId");
    Account target = accounts.find(arn.group(1)).filter(a -> a.kind().signsApiCalls()).orElse(null);
    if (target == null || externalId == null || !EXTERNAL_ID.matcher(externalId).matches()) {
      throw new AwsServiceException(403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole on "
          + "resource: " + roleArn + (target != null && externalId == null ? " (the role requires an external ID)" : ""));
    }
    TemporaryCredentials.Issued issued = temporary.issue(target, arn.group(2), sessionName, Duration.ofSeconds(seconds));
    return "<AssumedRoleUser><Arn>" + AwsQuery.escape(issued.assumedRoleArn()) + "</Arn><AssumedRoleId>AROA"
        + roleId(issued) + ":" + AwsQuery.escape(sessionName) + "</AssumedRoleId></AssumedRoleUser>"
        + "<Credentials><AccessKeyId>" + issued.accessKeyId() + "</AccessKeyId><SecretAccessKey>"
        + AwsQuery.escape(issued.secretAccessKey()) + "</SecretAccessKey><SessionToken>"
        + AwsQuery.escape(issued.sessionToken()) + "</SessionToken><Expiration>" + issued.expiresAt()
        + "</Expiration></Credentials><PackedPolicySize>0</PackedPolicySize>";
  }

  /** A stable role ID from the account and role name, as AWS gives each role one. */
  private static String roleId(TemporaryCredentials.Issued session) {
    String source = session.account().id().value() + "/" + session.roleName();
    return java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(
        org.offerdesk.sandbox.signing.SigV4.sha256(source.getBytes(StandardCharsets.UTF_8)), 8)).toUpperCase();
  }

  private static AwsServiceException validation(String name, String value) {
    return new AwsServiceException(400, "ValidationError", "1 validation error detected: Value '" + value
        + "' at '" + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "' failed to satisfy constraint");
  }

  private static ResponseEntity<String> xml(int status, String body) {
    return ResponseEntity.status(status).header("Content-Type", "text/xml")
        .header("x-amzn-RequestId", java.util.UUID.randomUUID().toString()).body(body);
  }
}
