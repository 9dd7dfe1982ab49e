package org.offerdesk.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.MailTest;
import org.offerdesk.app.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who is told of a notice, and how: by role, by each user's preferences, once per dedupe key, only in the
 * notice's organization and only if the caller's transaction commits. Email goes to a real SMTP server
 * (GreenMail) through the outbox and the job worker.
 */
@MailTest
class TeamNotificationsTest {

  @Autowired TeamNotifications notifications;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationContext context;

  TestTenants tenants;
  TestTenants.Tenant seller;
  String admin;
  String sales;
  String finance;
  String viewer;

  @BeforeAll
  static void startSmtp() {
    TestSmtp.up();
  }

  @BeforeEach
  void setUp() {
    tenants = new TestTenants(context);
    seller = tenants.seller("Notified Co");
    admin = seller.adminEmail();
    sales = tenants.user(seller, Role.SALES);
    finance = tenants.user(seller, Role.FINANCE);
    viewer = tenants.user(seller, Role.VIEWER);
  }

  @Test
  void a_new_order_reaches_admin_sales_and_finance_in_the_console_and_by_email_and_not_the_viewer() throws Exception {
    String key = "new-order:" + UUID.randomUUID();
    tx.executeWithoutResult(s -> notifications.notify(newOrder(seller.organizationId(), key)));

    assertThat(consoleRecipients(seller.organizationId())).containsExactlyInAnyOrder(admin, sales, finance);
    assertThat(emailRecipients(seller.organizationId())).containsExactlyInAnyOrder(admin, sales, finance);

    for (String person : List.of(admin, sales, finance)) {
      await().atMost(Duration.ofSeconds(15)).until(() -> receivedBy(person).size() == 1);
    }
    MimeMessage message = receivedBy(sales).get(0);
    assertThat(message.getSubject()).isEqualTo("New order: Acme Corp bought Example Platform");
    Multipart parts = (Multipart) message.getContent();
    String text = (String) parts.getBodyPart(0).getContent();
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(text).contains("New order").contains("Acme Corp bought Example Platform")
        .contains("Buyer account: 777788889999").contains("Opportunity ID: 006-XYZ")
        .contains("Open the order: https://offerdesk.example.com/orders/42")
        .contains("https://offerdesk.example.com/settings/notifications").contains("Notified Co");
    assertThat(text.indexOf("Buyer account")).as("facts keep their order").isLessThan(text.indexOf("Opportunity ID"));
    assertThat(html).contains("href=\"https://offerdesk.example.com/orders/42\"").contains("777788889999")
        .contains("Acme &amp; Sons &lt;Ltd&gt;");
    assertThat(receivedBy(viewer)).isEmpty();
  }

  @Test
  void a_user_who_turned_email_off_for_new_orders_gets_only_the_console_entry() {
    UUID salesId = userId(sales);
    jdbc.sql("INSERT INTO notification_preference (user_id, type, channel, enabled, updated_at) "
        + "VALUES (?, 'NEW_ORDER', 'EMAIL', false, now())").param(salesId).update();

    tx.executeWithoutResult(s -> notifications.notify(newOrder(seller.organizationId(), "k:" + UUID.randomUUID())));

    assertThat(consoleRecipients(seller.organizationId())).containsExactlyInAnyOrder(admin, sales, finance);
    assertThat(emailRecipients(seller.organizationId())).containsExactlyInAnyOrder(admin, finance);
  }

  @Test
  void the_same_dedupe_key_notifies_once() {
    String key = "new-order:" + UUID.randomUUID();
    tx.executeWithoutResult(s -> notifications.notify(newOrder(seller.organizationId(), key)));
    tx.executeWithoutResult(s -> notifications.notify(newOrder(seller.organizationId(), key)));
    notifications.notify(newOrder(seller.organizationId(), key));

    assertThat(consoleRecipients(seller.organizationId())).containsExactlyInAnyOrder(admin, sales, finance);
    assertThat(emailRecipients(seller.organizationId())).containsExactlyInAnyOrder(admin, sales, finance);
  }

  @Test
  void another_organizations_users_hear_nothing_and_a_reseller_hears_of_its_own_orders() {
    TestTenants.Tenant other = tenants.seller("Other Co");
    tenants.user(other, Role.SALES);
    TestTenants.Tenant reseller = tenants.reseller("Channel Co");
    String partnerSales = tenants.user(reseller, Role.PARTNER_SALES);
    String key = "new-order:" + UUID.randomUUID();

    tx.executeWithoutResult(s -> notifications.notify(newOrder(seller.organizationId(), key)));
    assertThat(consoleRecipients(other.organizationId())).isEmpty();
    assertThat(emailRecipients(other.organizationId())).isEmpty();

    // The same key in another organization is another notice.
    tx.executeWithoutResult(s -> notifications.notify(newOrder(reseller.organizationId(), key)));
    assertThat(consoleRecipients(reseller.organizationId()))
        .containsExactlyInAnyOrder(reseller.adminEmail(), partnerSales);
    // A partner offer extended is news for the seller's team only.
    tx.executeWithoutResult(s -> notifications.notify(new TeamNotice(reseller.organizationId(),
        NotificationType.PARTNER_OFFER_EXTENDED, "Offer released", null, "/offers/1", Map.of(), "p:" + key)));
    assertThat(consoleRecipients(reseller.organizationId())).hasSize(2);
  }

  @Test
  void a_notice_in_a_transaction_that_rolls_back_tells_no_one_and_its_key_stays_free() {
    String key = "new-order:" + UUID.randomUUID();
    tx.executeWithoutResult(s -> {
      notifications.notify(newOrder(seller.organizationId(), key));
      s.setRollbackOnly();
    });
    assertThat(consoleRecipients(seller.organizationId())).isEmpty();
    assertThat(emailRecipients(seller.organizationId())).isEmpty();
    assertThat(jdbc.sql("SELECT count(*) FROM team_notice WHERE organization_id = ?").param(seller.organizationId())
        .query(Long.class).single()).isZero();

    tx.executeWithoutResult(s -> notifications.notify(newOrder(seller.organizationId(), key)));
    assertThat(consoleRecipients(seller.organizationId())).hasSize(3);
  }

  @Test
  void inactive_users_are_not_told_and_every_type_renders_its_email() {
    jdbc.sql("UPDATE app_user SET active = false WHERE email = ?").param(finance).update();
    // Some types are for a reseller's team alone (an authorization received): every type goes to both kinds.
    TestTenants.Tenant reseller = tenants.reseller("Every Type Reseller");
    for (NotificationType type : NotificationType.values()) {
      for (TestTenants.Tenant team : List.of(seller, reseller)) {
        tx.executeWithoutResult(s -> notifications.notify(new TeamNotice(team.organizationId(), type,
            "About " + type, "Summary of " + type, null, Map.of("Type", type.name()), "all:" + type)));
      }
    }
    List<String> templates = jdbc.sql("SELECT DISTINCT template FROM email_outbox WHERE organization_id IN (?, ?)")
        .params(seller.organizationId(), reseller.organizationId()).query(String.class).list();
    assertThat(templates).hasSize(NotificationType.values().length).allMatch(t -> t.startsWith("team-"));
    assertThat(consoleRecipients(seller.organizationId())).doesNotContain(finance, viewer);
  }

  @Test
  void several_notices_at_once_tell_each_once_as_one_at_a_time_would() {
    String first = "new-order:" + UUID.randomUUID();
    String second = "new-order:" + UUID.randomUUID();
    tx.executeWithoutResult(s -> notifications.notify(newOrder(seller.organizationId(), first)));
    // A batch: the first again (already told: nothing), the second twice in the same call (once).
    tx.executeWithoutResult(s -> notifications.notifyAll(List.of(newOrder(seller.organizationId(), first),
        newOrder(seller.organizationId(), second), newOrder(seller.organizationId(), second))));

    assertThat(jdbc.sql("SELECT count(*) FROM team_notice WHERE organization_id = ?").param(seller.organizationId())
        .query(Long.class).single()).isEqualTo(2);
    assertThat(consoleRecipients(seller.organizationId()))
        .containsExactlyInAnyOrder(admin, sales, finance, admin, sales, finance);
    assertThat(emailRecipients(seller.organizationId()))
        .containsExactlyInAnyOrder(admin, sales, finance, admin, sales, finance);
    assertThat(jdbc.sql("""
        SELECT t.facts::text FROM team_notice t WHERE t.organization_id = ? AND t.dedupe_key = ?""")
        .params(seller.organizationId(), second).query(String.class).single())
        .contains("Opportunity ID").contains("006-XYZ");
    // A notice without its dedupe key refuses the whole call: nothing of it is written.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tx.executeWithoutResult(s -> notifications.notifyAll(
        List.of(newOrder(seller.organizationId(), "new-order:" + UUID.randomUUID()),
            newOrder(seller.organizationId(), " ")))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(jdbc.sql("SELECT count(*) FROM team_notice WHERE organization_id = ?").param(seller.organizationId())
        .query(Long.class).single()).isEqualTo(2);
  }

  private static TeamNotice newOrder(UUID organizationId, String key) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Buyer account", "777788889999");
    facts.put("Buyer", "Acme & Sons <Ltd>");
    facts.put("Opportunity ID", "006-XYZ");
    return new TeamNotice(organizationId, NotificationType.NEW_ORDER, "Acme Corp bought Example Platform",
        "The buyer accepted the private offer.", "/orders/42", facts, key);
  }

  private List<String> consoleRecipients(UUID organizationId) {
    return jdbc.sql("""
        SELECT u.email FROM team_notification n JOIN app_user u ON u.id = n.user_id
         WHERE n.organization_id = ?""").param(organizationId).query(String.class).list();
  }

  private List<String> emailRecipients(UUID organizationId) {
    return jdbc.sql("SELECT recipients[1] FROM email_outbox WHERE organization_id = ? AND template LIKE 'team-%'")
        .param(organizationId).query(String.class).list();
  }

  private UUID userId(String email) {
    return jdbc.sql("SELECT id FROM app_user WHERE email = ?").param(email).query(UUID.class).single();
  }

  private static List<MimeMessage> receivedBy(String to) {
    return TestSmtp.receivedBy(to);
  }
}
