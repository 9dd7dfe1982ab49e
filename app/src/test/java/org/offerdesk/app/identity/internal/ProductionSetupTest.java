package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.runtime.RunMode;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.LoopbackCookies;
import org.offerdesk.app.support.OwnContext;
import org.offerdesk.app.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * OfferDesk in production mode with a good configuration, on loopback and a random port: it starts with
 * no demo data and no sandbox, and the first organization is created once, through the setup page, with
 * the one-time code from the log. After that the page is gone and its admin signs in as anyone would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "offerdesk.mode=production", "offerdesk.secret-key=q3J0x9vN2mL8sT4kW7pZ1aB6cD5eF0gH+iJ/kL2mN4o=",
    "offerdesk.public-url=https://offerdesk.example.com", "server.address=127.0.0.1"})
@ContextConfiguration(initializers = TestDatabase.class)
@ExtendWith(OutputCaptureExtension.class)
@OwnContext
class ProductionSetupTest {

  static final Pattern SETUP_CODE = Pattern.compile("one-time setup code:\\s+([A-Z2-9]{5}(?:-[A-Z2-9]{5}){4})");
  static final String PASSWORD = "Kangaroo-Battery-Staple-42";

  @LocalServerPort int port;
  @Autowired RunMode mode;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  @Test
  void starts_without_demo_data_and_first_run_setup_creates_one_organization_once(CapturedOutput output)
      throws Exception {
    assertThat(mode).isEqualTo(RunMode.PRODUCTION);
    assertThat(context.getBeansOfType(EmbeddedSandboxEndpoint.class)).isEmpty();
    assertThat(organizations()).isZero();
    assertThat(jdbc.sql("SELECT count(*) FROM api_token").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT count(*) FROM marketplace_connection").query(Long.class).single()).isZero();
    assertThat(output.getAll()).contains("OfferDesk is running in production mode at https://offerdesk.example.com/",
        "open https://offerdesk.example.com/setup");
    Matcher printed = SETUP_CODE.matcher(output.getAll());
    assertThat(printed.find()).as("the setup code in the log").isTrue();
    String code = printed.group(1);

    String base = "http://127.0.0.1:" + port;
    Http browser = new Http(base, new LoopbackCookies());
    Http.Response signIn = browser.get("/signin");
    assertThat(signIn.status()).isEqualTo(302);
    assertThat(signIn.header("Location")).endsWith("/setup");
    Http.Response page = browser.get("/setup");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Set up OfferDesk", "name=\"setupCode\"");
    assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
        .startsWith("JSESSIONID=").contains("; Secure", "; HttpOnly", "; SameSite=Lax"));
    String csrf = browser.csrfFrom("/setup");

    // A weak password is refused with a reason, and does not use up the code.
    Http.Response weak = browser.postForm("/setup", form(code, "Acme Software", "Password2024!"), csrf);
    assertThat(weak.status()).isEqualTo(200);
    assertThat(weak.body()).contains("is too common");
    Http.Response mismatch = browser.postForm("/setup",
        Map.of("setupCode", code, "organizationName", "Acme Software", "adminEmail", "jane@acme.example",
            "password", PASSWORD, "confirmPassword", PASSWORD + "x"), csrf);
    assertThat(mismatch.body()).contains("does not match the password");
    Http.Response wrongCode = browser.postForm("/setup",
        form("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", "Acme Software", PASSWORD), csrf);
    assertThat(wrongCode.body()).contains("is not the setup code printed in OfferDesk");
    assertThat(organizations()).isZero();

    // Two people submit at the same moment with the same code: one organization.
    Http first = new Http(base, new LoopbackCookies());
    Http second = new Http(base, new LoopbackCookies());
    String firstCsrf = first.csrfFrom("/setup");
    String secondCsrf = second.csrfFrom("/setup");
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<Http.Response> a = CompletableFuture.supplyAsync(() -> {
      await(go);
      return first.postForm("/setup", form(code, "Acme Software", PASSWORD), firstCsrf);
    });
    CompletableFuture<Http.Response> b = CompletableFuture.supplyAsync(() -> {
      await(go);
      return second.postForm("/setup", form(code, "Other Company", PASSWORD), secondCsrf);
    });
    go.countDown();
    List<Http.Response> answers = List.of(a.get(), b.get());
    assertThat(answers).filteredOn(r -> r.status() == 302).singleElement()
        .satisfies(r -> assertThat(r.header("Location")).endsWith("/signin?setup"));
    assertThat(answers).filteredOn(r -> r.status() != 302).singleElement().satisfies(r -> {
      if (r.status() == 200) {
        assertThat(r.body()).contains("the setup code was already used");
      } else {
        assertThat(r.status()).isEqualTo(404);
      }
    });
    assertThat(organizations()).isEqualTo(1);
    String name = jdbc.sql("SELECT name FROM organization").query(String.class).single();

    // The page is gone for good, code or not.
    assertThat(browser.get("/setup").status()).isEqualTo(404);
    assertThat(browser.postForm("/setup", form(code, "Third", PASSWORD), csrf).status()).isEqualTo(404);
    assertThat(organizations()).isEqualTo(1);

    // Its admin signs in as anyone would.
    Http admin = new Http(base, new LoopbackCookies());
    assertThat(admin.get("/signin").body()).contains("Sign in to OfferDesk");
    assertThat(admin.signIn("jane@acme.example", PASSWORD).header("Location")).endsWith("/dashboard");
    Http.Response offers = admin.get("/offers");
    assertThat(offers.status()).isEqualTo(200);
    assertThat(offers.body()).contains(name);
    assertThat(admin.get("/settings/users").body()).contains("jane@acme.example");
  }

  private long organizations() {
    return jdbc.sql("SELECT count(*) FROM organization").query(Long.class).single();
  }

  private static Map<String, String> form(String code, String organization, String password) {
    return Map.of("setupCode", code, "organizationName", organization, "adminEmail", "jane@acme.example",
        "adminName", "Jane Doe", "password", password, "confirmPassword", password);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
