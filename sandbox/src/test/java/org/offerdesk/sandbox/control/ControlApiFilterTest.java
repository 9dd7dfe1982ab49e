package org.offerdesk.sandbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Which requests the control guard sees and what it answers, driven as a unit with a made-up remote
 * address (nothing is sent over a network): the control API refuses a caller from another machine
 * without the token, and leaves the SigV4-signed AWS calls to their own check.
 */
class ControlApiFilterTest {

  static final String TOKEN = "sbx_0123456789abcdef0123";

  final ControlApiFilter onLoopback = new ControlApiFilter(new ControlSettings(TOKEN, "127.0.0.1"));
  final ControlApiFilter everywhere = new ControlApiFilter(new ControlSettings(TOKEN, "0.0.0.0"));

  static MockHttpServletRequest call(String method, String path, String from) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setRemoteAddr(from);
    return request;
  }

  static MockHttpServletResponse run(ControlApiFilter filter, MockHttpServletRequest request) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, response, chain);
    if (chain.getRequest() == null) {
      assertThat(response.getStatus()).isEqualTo(401);
    }
    return response;
  }

  @Test
  void a_remote_caller_without_the_token_is_refused_on_every_control_route() throws Exception {
    for (String path : new String[] {"/sandbox/clock/advance", "/sandbox/accounts", "/sandbox/faults",
        "/sandbox/offers/o-1/accept", "/sandbox/buyer/offers/o-1/accept", "/sandbox/agreements/a-1/cancel", "/sandbox"}) {
      MockHttpServletResponse refused = run(everywhere, call("POST", path, "203.0.113.9"));
      assertThat(refused.getStatus()).as(path).isEqualTo(401);
      assertThat(refused.getHeader("WWW-Authenticate")).startsWith("Bearer");
      assertThat(refused.getContentAsString()).contains("admin token");
    }
    // Bound to loopback, a caller from elsewhere (through a tunnel, say) is refused too.
    assertThat(run(onLoopback, call("GET", "/sandbox/accounts", "192.168.1.20")).getStatus()).isEqualTo(401);
    // So is a local caller when the sandbox listens on every interface.
    assertThat(run(everywhere, call("POST", "/sandbox/clock/advance", "127.0.0.1")).getStatus()).isEqualTo(401);
  }

  @Test
  void the_admin_token_opens_the_control_api_from_anywhere() throws Exception {
    MockHttpServletRequest request = call("POST", "/sandbox/clock/advance", "203.0.113.9");
    request.addHeader("Authorization", "Bearer " + TOKEN);
    assertThat(run(everywhere, request).getStatus()).isEqualTo(200);
    assertThat(request.getAttribute(ControlAccess.ATTRIBUTE)).isEqualTo(ControlAccess.ADMIN);

    MockHttpServletRequest local = call("GET", "/sandbox/accounts", "127.0.0.1");
    assertThat(run(onLoopback, local).getStatus()).isEqualTo(200);
    assertThat(local.getAttribute(ControlAccess.ATTRIBUTE)).isEqualTo(ControlAccess.LOOPBACK);
  }

  @Test
  void aws_wire_calls_and_health_are_left_to_their_own_checks() throws Exception {
    MockHttpServletRequest sqs = call("POST", "/", "203.0.113.9");
    sqs.addHeader("X-Amz-Target", "AmazonSQS.ReceiveMessage");
    assertThat(run(everywhere, sqs).getStatus()).isEqualTo(200);
    assertThat(run(everywhere, call("GET", "/DescribeEntity", "203.0.113.9")).getStatus()).isEqualTo(200);
    assertThat(run(everywhere, call("GET", "/actuator/health", "203.0.113.9")).getStatus()).isEqualTo(200);
    assertThat(run(everywhere, call("GET", "/sandboxes", "203.0.113.9")).getStatus()).isEqualTo(200);
  }

  @Test
  void a_short_configured_token_is_refused_and_a_missing_one_is_generated() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ControlSettings("short", "127.0.0.1"))
        .hasMessageContaining("16");
    ControlSettings generated = new ControlSettings("", "127.0.0.1");
    assertThat(generated.tokenGenerated()).isTrue();
    assertThat(generated.adminToken()).hasSizeGreaterThan(30);
    assertThat(new ControlSettings("", "127.0.0.1").adminToken()).isNotEqualTo(generated.adminToken());
  }
}
