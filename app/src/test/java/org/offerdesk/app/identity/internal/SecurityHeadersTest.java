package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.runtime.RunMode;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every answer carries the security headers; the pages need no inline script for it. */
@OfferDeskTest
class SecurityHeadersTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void pages_api_and_operations_answers_carry_the_headers() {
    TestTenants.Tenant tenant = new TestTenants(context).seller("Headers Co");
    Http admin = new Http(port);
    admin.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    List<Http.Response> answers = List.of(new Http(port).get("/signin"), admin.get("/offers"),
        new Http(port).get("/o/no-such-link"), new Http(port).get("/css/offerdesk.css"),
        new Http(port).bearer(tenant.adminToken()).get("/api/v1/me"), new Http(port).get("/api/v1/me"),
        new Http(port).get("/actuator/health"), new Http(port).get("/actuator/prometheus"),
        new Http(port).get("/api/v1/swagger-ui/index.html"));
    for (Http.Response r : answers) {
      String csp = r.header("Content-Security-Policy");
      assertThat(csp).as("CSP of a %d answer", r.status()).isNotNull();
      String scripts = csp.replaceAll(".*script-src ([^;]*).*", "$1");
      assertThat(scripts).isEqualTo("'self'");
      assertThat(csp).contains("default-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'");
      assertThat(r.header("Referrer-Policy")).isEqualTo("same-origin");
      assertThat(r.header("Permissions-Policy")).contains("camera=()").contains("geolocation=()");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      // The demo runs on http://localhost: no HSTS that would pin the browser to https.
      assertThat(r.header("Strict-Transport-Security")).isNull();
    }
  }

  @Test
  void production_sends_hsts_even_when_tls_ends_at_a_proxy() throws Exception {
    MockHttpServletRequest plainHttp = new MockHttpServletRequest("GET", "/offers");
    MockHttpServletResponse production = new MockHttpServletResponse();
    for (var writer : SecurityHeaders.writers(RunMode.PRODUCTION)) {
      writer.writeHeaders(plainHttp, production);
    }
    assertThat(production.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");

    MockHttpServletResponse demo = new MockHttpServletResponse();
    for (var writer : SecurityHeaders.writers(RunMode.DEMO)) {
      writer.writeHeaders(plainHttp, demo);
    }
    assertThat(demo.getHeader("Strict-Transport-Security")).isNull();
    assertThat(demo.getHeader("Permissions-Policy")).isEqualTo(SecurityHeaders.PERMISSIONS_POLICY);
  }

  /** What the Content-Security-Policy would block: behaviour belongs in static/js. */
  @Test
  void no_template_has_inline_script_or_event_handlers() throws IOException {
    Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    Pattern htmxOn = Pattern.compile("hx-on|javascript:", Pattern.CASE_INSENSITIVE);
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
      List<Path> pages = files.filter(p -> p.toString().endsWith(".html")).toList();
      assertThat(pages).hasSizeGreaterThan(20);
      for (Path page : pages) {
        String html = Files.readString(page);
        assertThat(inlineScript.matcher(html).find()).as("inline <script> in " + page).isFalse();
        assertThat(handler.matcher(html).find()).as("inline event handler in " + page).isFalse();
        assertThat(htmxOn.matcher(html).find()).as("hx-on or javascript: in " + page).isFalse();
      }
    }
  }
}
