package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security filter is the chains alone: no {@code HandlerMappingIntrospector} cache filter in front of them
 * (which looked every request's handler up before the {@code DispatcherServlet} did it again), and chains that
 * choose by path patterns, so that nothing needs it. Each chain still takes the paths it took.
 */
@OfferDeskTest
class SecurityFilterChainShapeTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void no_handler_lookup_before_the_chains() throws Exception {
    Filter filter = context.getBean("springSecurityFilterChain", Filter.class);
    for (String path : List.of("/css/offerdesk.css", "/api/v1/openapi.json", "/actuator/health")) {
      List<String> attributes = new ArrayList<>();
      filter.doFilter(new MockHttpServletRequest("GET", path), new MockHttpServletResponse(),
          (request, response) -> attributes.addAll(Collections.list(request.getAttributeNames())));
      assertThat(attributes).as(path).isNotEmpty().noneMatch(a -> a.contains("HandlerMappingIntrospector"));
    }
  }

  @Test
  void the_chains_choose_by_path_patterns() {
    FilterChainProxy filter = context.getBean("springSecurityFilterChain", FilterChainProxy.class);
    List<SecurityFilterChain> chains = filter.getFilterChains();
    assertThat(chains).hasSize(3);
    for (SecurityFilterChain chain : chains) {
      RequestMatcher matcher = ((org.springframework.security.web.DefaultSecurityFilterChain) chain).getRequestMatcher();
      assertThat(matcher).as(matcher.toString())
          .isInstanceOfAny(PathPatternRequestMatcher.class, OrRequestMatcher.class, AnyRequestMatcher.class);
      assertThat(matcher.toString()).doesNotContain("Mvc").doesNotContain("Deferred");
    }
  }

  @Test
  void each_chain_takes_the_paths_it_took() {
    TestTenants.Tenant tenant = new TestTenants(context).seller("Chain Shape Co");
    // The API's chain: /api and everything under it answers 401 problem+json, never the console's redirect.
    for (String path : List.of("/api", "/api/", "/api/v1/me", "/api/v1/me/", "/api/v1/offers/some-id")) {
      Http.Response r = new Http(port).get(path);
      assertThat(r.status()).as(path).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).as(path).isEqualTo("Bearer");
    }
    assertThat(new Http(port).bearer(tenant.adminToken()).get("/api/v1/me").status()).isEqualTo(200);
    // Its open paths, and only those.
    assertThat(new Http(port).get("/api/v1/openapi.json").status()).isEqualTo(200);
    assertThat(new Http(port).get("/api/v1/openapi.jsonx").status()).isEqualTo(401);
    // Operations: health for anyone, the rest for the operations token.
    assertThat(new Http(port).get("/actuator/health").status()).isEqualTo(200);
    assertThat(new Http(port).get("/actuator/health/liveness").status()).isNotEqualTo(401);
    assertThat(new Http(port).get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(new Http(port).bearer(OfferDeskTest.METRICS_TOKEN).get("/actuator/prometheus").status())
        .isEqualTo(200);
    // The console: its open pages, and a sign-in for the rest.
    assertThat(new Http(port).get("/signin").status()).isEqualTo(200);
    assertThat(new Http(port).get("/css/offerdesk.css").status()).isEqualTo(200);
    Http.Response offers = new Http(port).get("/offers");
    assertThat(offers.status()).isEqualTo(302);
    assertThat(offers.header("Location")).endsWith("/signin");
    assertThat(new Http(port).get("/signin/").status()).isEqualTo(302);
  }
}
