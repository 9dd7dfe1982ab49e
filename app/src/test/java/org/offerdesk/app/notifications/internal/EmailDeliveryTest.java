package org.offerdesk.app.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.notifications.Emails;
import org.offerdesk.app.notifications.OutgoingEmail;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.MailTest;
import org.offerdesk.app.support.MutableClock;
import org.offerdesk.app.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;



/**
 * Email through a real SMTP server (the test JVM's GreenMail, {@code TestSmtp}, stopped and started again to play an
 * SMTP outage), a real database and the real job worker; the platform clock is moved to make retries due.
 */
@MailTest
class EmailDeliveryTest {

  @Autowired Emails emails;
  @Autowired Outbox outbox;
  @Autowired MutableClock clock;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  TestTenants.Tenant tenant;

  @BeforeEach
  void setUp() {
    smtpUp();
    tenant = new TestTenants(context).seller("Mail Co");
  }

  @Test
  void a_queued_email_is_delivered_once_as_html_and_text_and_its_dedupe_key_queues_it_once() throws Exception {
    String to = address("buyer");
    String key = "welcome:" + UUID.randomUUID();
    UUID id = emails.queue(testMessage(to, key));
    assertThat(emails.queue(testMessage(to, key))).isEqualTo(id);

    await().atMost(Duration.ofSeconds(15)).until(() -> status(id) == EmailStatus.SENT);
    List<MimeMessage> received = receivedBy(to);
    assertThat(received).hasSize(1);
    MimeMessage message = received.get(0);
    assertThat(message.getSubject()).isEqualTo("Test email from OfferDesk");
    InternetAddress from = (InternetAddress) message.getFrom()[0];
    assertThat(from.getPersonal()).isEqualTo("OfferDesk");
    assertThat(from.getAddress()).isEqualTo("no-reply@offerdesk.local");
    assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Address::toString)).containsExactly(to);
    assertThat(message.getMessageID()).isEqualTo("<" + id + "@offerdesk.local>");
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    Multipart parts = (Multipart) message.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat((String) parts.getBodyPart(0).getContent()).contains("This is a test email from OfferDesk")
        .contains("Grace Hopper");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat((String) parts.getBodyPart(1).getContent()).contains("<h1").contains("Grace Hopper");

    OutboxEmail sent = outbox.find(tenant.organizationId(), id).orElseThrow();
    assertThat(sent.attempts()).isEqualTo(1);
    assertThat(sent.sentAt()).isNotNull();
    assertThat(count("SELECT count(*) FROM email_outbox WHERE dedupe_key = ?", key)).isEqualTo(1);
  }

  @Test
  void an_email_queued_in_a_transaction_that_rolls_back_never_exists() {
    String to = address("rolled-back");
    AtomicReference<UUID> id = new AtomicReference<>();
    tx.executeWithoutResult(status -> {
      id.set(emails.queue(testMessage(to, null)));
      status.setRollbackOnly();
    });
    assertThat(count("SELECT count(*) FROM email_outbox WHERE id = ?", id.get())).isZero();
    assertThat(count("SELECT count(*) FROM job WHERE dedupe_key = ?", "email.deliver:" + id.get())).isZero();
  }

  @Test
  void bad_recipients_and_unknown_templates_are_refused() {
    String good = address("good");
    UUID kept = tx.execute(status -> {
      try {
        emails.queue(new OutgoingEmail(tenant.organizationId(), Arrays.asList(good, null), "test-message",
            Map.of(), null));
      } catch (InvalidInput refused) {
        assertThat(refused.errors()).containsExactly(new FieldError("to[1]", "is not an email address"));
      }
      return emails.queue(testMessage(good, null));
    });
    assertThat(count("SELECT count(*) FROM email_outbox WHERE id = ?", kept)).as("the caller's work commits")
        .isEqualTo(1);

    assertThatThrownBy(() -> emails.queue(new OutgoingEmail(tenant.organizationId(),
        List.of(address("ok"), "not-an-address"), "test-message", Map.of(), null)))
        .isInstanceOfSatisfying(InvalidInput.class, p -> assertThat(p.errors())
            .containsExactly(new FieldError("to[1]", "is not an email address")));
    assertThatThrownBy(() -> emails.queue(new OutgoingEmail(tenant.organizationId(), List.of(address("ok")),
        "no-such-template", Map.of(), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-template");
  }

  @Test
  void a_template_that_does_not_render_leaves_the_callers_transaction_usable() {
    String good = address("kept-beside-a-bad-template");
    UUID kept = tx.execute(status -> {
      UUID id = emails.queue(testMessage(good, null));
      assertThatThrownBy(() -> emails.queue(new OutgoingEmail(tenant.organizationId(), List.of(good),
          "no-such-template", Map.of(), null))).isInstanceOf(IllegalArgumentException.class);
      return id;
    });
    assertThat(count("SELECT count(*) FROM email_outbox WHERE id = ?", kept)).as("the caller's work commits")
        .isEqualTo(1);
  }

  @Test
  void while_smtp_is_down_delivery_is_retried_and_succeeds_once_it_is_back() throws Exception {
    smtpDown();
    String to = address("patient");
    UUID id = emails.queue(testMessage(to, null));
    await().atMost(Duration.ofSeconds(15)).until(() -> status(id) == EmailStatus.RETRYING);
    OutboxEmail failed = outbox.find(tenant.organizationId(), id).orElseThrow();
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("MailSendException");

    smtpUp();
    // The first retry is due a minute (plus jitter) after the failure: move the clock until it runs.
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
      clock.advance(Duration.ofSeconds(30));
      return status(id) == EmailStatus.SENT;
    });
    assertThat(receivedBy(to)).hasSize(1);
    assertThat(outbox.find(tenant.organizationId(), id).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void an_email_that_keeps_failing_is_parked_visibly_and_an_admin_retries_it() throws Exception {
    smtpDown();
    String to = address("unlucky");
    UUID id = emails.queue(testMessage(to, null));
    // Each look moves the clock past the longest backoff, so every retry falls due at once.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      clock.advance(Duration.ofHours(8));
      return status(id) == EmailStatus.PARKED;
    });
    OutboxEmail parked = outbox.find(tenant.organizationId(), id).orElseThrow();
    assertThat(parked.attempts()).isEqualTo(EmailDelivery.MAX_ATTEMPTS);
    assertThat(parked.lastError()).contains("MailSendException");

    Http api = new Http(port).bearer(tenant.adminToken());
    assertThat(api.get("/api/v1/outbox?status=PARKED").json().get("items").findValuesAsText("id"))
        .containsExactly(id.toString());
    assertThat(api.get("/api/v1/jobs?status=PARKED").body()).contains("email.deliver");
    Http console = new Http(port);
    console.signIn(tenant.adminEmail(), tenant.adminPassword());
    assertThat(console.get("/notifications/outbox?status=PARKED").body()).contains(id.toString())
        .contains("MailSendException");

    smtpUp();
    Http.Response retried = api.postJson("/api/v1/outbox/" + id + "/retry", Map.of());
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.json().get("status").asText()).isEqualTo("QUEUED");
    await().atMost(Duration.ofSeconds(15)).until(() -> status(id) == EmailStatus.SENT);
    assertThat(receivedBy(to)).hasSize(1);
    assertThat(api.postJson("/api/v1/outbox/" + id + "/retry", Map.of()).status()).isEqualTo(409);
  }

  private OutgoingEmail testMessage(String to, String dedupeKey) {
    return new OutgoingEmail(tenant.organizationId(), List.of(to), "test-message",
        Map.of("requestedBy", "Grace Hopper", "organizationName", "Mail Co", "requestedAt", "today"), dedupeKey);
  }

  private EmailStatus status(UUID id) {
    return outbox.find(tenant.organizationId(), id).orElseThrow().status();
  }

  private long count(String sql, Object param) {
    return jdbc.sql(sql).param(param).query(Long.class).single();
  }

  private static String address(String who) {
    return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@buyer.example";
  }

  private static List<MimeMessage> receivedBy(String to) {
    return TestSmtp.receivedBy(to);
  }

  private static void smtpUp() {
    TestSmtp.up();
  }

  private static void smtpDown() {
    TestSmtp.down();
  }
}
