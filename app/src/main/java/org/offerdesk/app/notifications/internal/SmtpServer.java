package org.offerdesk.app.notifications.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The SMTP server email goes out through, as Spring Boot configures it from {@code spring.mail.*}
 * ({@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}, ...). Without {@code spring.mail.host} there is no
 * server, and email stays in the outbox.
 */
@Component
class SmtpServer {

  private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

  private final ObjectProvider<JavaMailSender> sender;
  private final InternetAddress from;
  private final String messageIdDomain;

  SmtpServer(ObjectProvider<JavaMailSender> sender,
      @Value("${offerdesk.mail.from:OfferDesk <no-reply@offerdesk.local>}") String from) {
    this.sender = sender;
    try {
      this.from = new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalStateException("offerdesk.mail.from (OFFERDESK_MAIL_FROM) is not an address: " + from, e);
    }
    this.messageIdDomain = this.from.getAddress().substring(this.from.getAddress().lastIndexOf('@') + 1);
    if (!configured()) {
      log.info("No SMTP server configured (set SPRING_MAIL_HOST and SPRING_MAIL_PORT): email is kept in the outbox "
          + "only, where admins can read it");
    }
  }

  boolean configured() {
    return sender.getIfAvailable() != null;
  }

  /**
   * Sends an email as multipart/alternative plain text and HTML. Its Message-ID derives from the email's
   * ID, so in the rare case that a delivery is repeated (a crash after the server took it), receivers
   * can tell it is the same message.
   */
  void send(OutboxEmail email) throws MessagingException {
    JavaMailSender mail = sender.getIfAvailable();
    if (mail == null) {
      throw new IllegalStateException("No SMTP server is configured");
    }
    MimeMessage message = mail.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
    helper.setFrom(from);
    helper.setTo(email.to().toArray(String[]::new));
    helper.setSubject(email.subject());
    // multipart/alternative, plain text first: mail clients show the last part they can display.
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.setHeader("Message-ID", "<" + email.id() + "@" + messageIdDomain + ">");
    mail.send(message);
  }
}
