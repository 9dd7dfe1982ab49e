package org.offerdesk.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** A person signs in with Chromium, sees the bell count a new order, opens it, and it is read. */
@OfferDeskTest
class NotificationsBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired TeamNotifications notifications;
  @Autowired TransactionTemplate tx;

  @Test
  void the_bell_shows_a_new_order_which_opening_reads() {
    TestTenants tenants = new TestTenants(context);
    TestTenants.Tenant seller = tenants.seller("Bell Co");
    String sales = tenants.user(seller, Role.SALES);
    tx.executeWithoutResult(s -> notifications.notify(new TeamNotice(seller.organizationId(),
        NotificationType.NEW_ORDER, "Acme Corp bought Example Platform", "The buyer accepted Acme 2027.",
        "/offers", Map.of("Buyer account", "777788889999"), "new-order:browser")));

    try (Browser browser = new Browser(port)) {
      browser.signIn(sales, TestTenants.PASSWORD);
      assertThat(browser.text("[data-testid=bell] [data-testid=unread-count]")).isEqualTo("1");

      browser.click("[data-testid=bell]");
      assertThat(browser.awaitPath("/notifications")).isEqualTo("/notifications");
      assertThat(browser.text("[data-testid=notification]")).contains("New order")
          .contains("Acme Corp bought Example Platform").contains("777788889999").contains("Unread");
      browser.screenshot("notifications-page");

      browser.click("[data-testid=notification]");
      assertThat(browser.awaitPath("/offers")).isEqualTo("/offers");

      browser.open("/notifications");
      assertThat(browser.find("[data-testid=notification]").getAttribute("data-read")).isEqualTo("true");
      assertThat(browser.text("[data-testid=filter-unread]")).contains("0");
      browser.clickLink("Preferences");
      assertThat(browser.awaitPath("/settings/notifications")).isEqualTo("/settings/notifications");
      browser.click("#NEW_ORDER-email").click("[data-testid=save-preferences]");
      assertThat(browser.text(".alert-success")).contains("Notification preferences saved.");
      assertThat(browser.find("#NEW_ORDER-email").isSelected()).isFalse();
      assertThat(browser.find("#NEW_ORDER-console").isSelected()).isTrue();
      browser.screenshot("notification-preferences");
    }
  }
}
