package org.offerdesk.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** An admin sets up a webhook in a real browser and watches the test event arrive. */
@OfferDeskTest
class WebhookBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void an_admin_adds_an_endpoint_sends_a_test_and_redelivers_it() {
    TestTenants.Tenant tenant = new TestTenants(context).seller("Browser Hooks Co");
    try (WebhookReceiver receiver = new WebhookReceiver(); Browser browser = new Browser(port)) {
      browser.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
      browser.find("[data-testid=whoami]");
      browser.clickLink("Settings").clickLink("Webhooks");
      assertThat(browser.text("[data-testid=webhooks]")).contains("No webhook endpoints yet");

      browser.type("#url", receiver.url("/provision")).type("#description", "Provisioning")
          .click("form[data-testid=add-webhook] button[type=submit]");
      String secret = browser.text("[data-testid=new-secret-value]");
      assertThat(secret).startsWith("whsec_");
      assertThat(browser.text("[data-testid=endpoint-status]")).isEqualTo("ENABLED");
      String page = browser.currentPath();

      browser.click("[data-testid=send-test]");
      await().atMost(WebhookDeliveryTest.WAIT).pollInterval(Browser.RELOAD_EVERY).until(() ->
          browser.open(page).text("[data-testid=deliveries]").contains("DELIVERED"));
      assertThat(browser.text("[data-testid=deliveries]")).contains("webhook.test").contains("HTTP 200");
      WebhookReceiver.Received got = receiver.at("/provision").get(0);
      assertThat(WebhookReceiver.verify(secret, got.header("OfferDesk-Signature"), got.body(),
          context.getBean(org.offerdesk.app.runtime.SecurityClock.class).now())).isTrue();
      browser.screenshot("webhook-endpoint-page");

      browser.click("[data-testid=redeliver]");
      await().atMost(WebhookDeliveryTest.WAIT).until(() -> receiver.at("/provision").size() == 2);

      browser.open(page).clickToLoad("[data-testid=disable]");
      assertThat(browser.text("[data-testid=endpoint-status]")).isEqualTo("DISABLED");
      browser.open(page);
      assertThat(browser.text("body")).doesNotContain(secret);
    }
  }
}
