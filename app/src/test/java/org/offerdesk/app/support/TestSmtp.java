package org.offerdesk.app.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real SMTP server (GreenMail) of the {@link MailTest} context: one per test JVM, on a port chosen once, so
 * that the classes of that context share it and the context. A test stops and starts it to play an outage
 * ({@link #down()}, {@link #up()}); every class starts it before use, and reads only the messages sent to its
 * own addresses ({@link #receivedBy(String)}), since the classes before it sent theirs to the same server.
 */
public final class TestSmtp implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final int PORT = freePort();
  private static GreenMail server;

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of("spring.mail.host=127.0.0.1", "spring.mail.port=" + PORT).applyTo(context);
  }

  /** Starts the server unless it runs. */
  public static synchronized void up() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
  }

  /** Stops the server: delivery fails as in an SMTP outage until {@link #up()}. */
  public static synchronized void down() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /** The messages the running server received for {@code address}. */
  public static synchronized List<MimeMessage> receivedBy(String address) {
    if (server == null) {
      throw new IllegalStateException("The test SMTP server is down");
    }
    return Arrays.stream(server.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
