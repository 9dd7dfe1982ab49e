package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Pages link their static files by content hash, and those files are kept by the browser for a year, while the
 * pages themselves are never stored; links to anything else are written as the template gives them.
 */
@OfferDeskTest
class StaticFilesTest {

  private static final Pattern STATIC = Pattern.compile("(?:href|src)=\"(/(?:webjars|css|js)/[^\"]+)\"");
  private static final Pattern HASHED = Pattern.compile(".*-[0-9a-f]{32}\\.(?:css|js)");

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void the_sign_in_page_links_its_files_by_hash_and_the_browser_keeps_them() {
    Http anyone = new Http(port);
    Http.Response page = anyone.get("/signin");
    assertThat(page.header("Cache-Control")).contains("no-store");
    List<String> links = staticLinks(page.body());
    assertThat(links).anyMatch(l -> l.startsWith("/webjars/bootstrap/")).anyMatch(l -> l.startsWith("/css/offerdesk"));
    assertThat(links).allMatch(l -> HASHED.matcher(l).matches());
    for (String link : links) {
      Http.Response file = anyone.get(link);
      assertThat(file.status()).as(link).isEqualTo(200);
      assertThat(file.header("Cache-Control")).as(link).contains("max-age=31536000").doesNotContain("no-store");
    }
    assertThat(page.body()).contains("action=\"/signin\"");
  }

  @Test
  void console_pages_and_the_dashboard_written_in_java_link_their_files_by_hash_too() {
    TestTenants tenants = new TestTenants(context);
    TestTenants.Tenant seller = tenants.seller("Static Files Co");
    Http console = new Http(port);
    assertThat(console.signIn(tenants.user(seller, Role.ADMIN), TestTenants.PASSWORD).status()).isEqualTo(302);
    for (String path : List.of("/offers", "/dashboard")) {
      Http.Response page = console.get(path);
      assertThat(page.status()).as(path).isEqualTo(200);
      List<String> links = staticLinks(page.body());
      assertThat(links).as(path).anyMatch(l -> l.startsWith("/webjars/htmx.org/")).anyMatch(l -> l.startsWith("/js/"))
          .allMatch(l -> HASHED.matcher(l).matches());
      assertThat(page.body()).as(path).contains("href=\"/offers\"");
    }
    assertThat(staticLinks(console.get("/dashboard").body())).anyMatch(l -> l.startsWith("/css/dashboard-"));
  }

  private static List<String> staticLinks(String html) {
    List<String> links = new ArrayList<>();
    Matcher m = STATIC.matcher(html);
    while (m.find()) {
      links.add(m.group(1));
    }
    return links;
  }
}
