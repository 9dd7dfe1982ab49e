package org.offerdesk.sandbox.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SigV4 pieces, checked against the worked example of AWS's Signature Version 4 documentation. */
class SigV4Test {

  @Test
  void matchesAwsDocumentedExample() {
    // The IAM ListUsers example from the SigV4 documentation.
    SigV4.Authorization auth = SigV4.parseAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
        + "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    assertThat(auth).isNotNull();
    assertThat(auth.scope()).isEqualTo("20150830/us-east-1/iam/aws4_request");
    String canonical = SigV4.canonicalRequest("GET", "/", "Action=ListUsers&Version=2010-05-08",
        Map.of("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"), "host", List.of("iam.amazonaws.com"),
            "x-amz-date", List.of("20150830T123600Z")),
        auth.signedHeaders(), SigV4.hex(SigV4.sha256(new byte[0])));
    assertThat(SigV4.hex(SigV4.sha256(canonical.getBytes()))).isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
    String stringToSign = SigV4.stringToSign("20150830T123600Z", auth.scope(), canonical);
    assertThat(SigV4.signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", auth, stringToSign)).isEqualTo(auth.signature());
  }

  @Test
  void encodesQueriesAndPathsAsSigV4Requires() {
    assertThat(SigV4.canonicalQuery("b=2&a=%2Bx&a=1&c")).isEqualTo("a=%2Bx&a=1&b=2&c=");
    assertThat(SigV4.canonicalUri("/a b/%2F")).isEqualTo("/a%20b/%252F");
    assertThat(SigV4.parseAuthorization("Basic Zm9vOmJhcg==")).isNull();
  }

  @Test
  void headerValuesHaveTheirRunsOfWhitespaceCollapsedAsTheRegexDid() {
    for (String value : List.of("", "plain", "a b", "a  b", "a\t\tb  c", " lead", "trail ", "x \n\r\f\u000B y",
        "no\u00A0break", "AWS4-HMAC-SHA256 Credential=x, SignedHeaders=host")) {
      assertThat(SigV4.collapseSpaces(value)).isEqualTo(value.replaceAll("\\s+", " "));
    }
  }
}
