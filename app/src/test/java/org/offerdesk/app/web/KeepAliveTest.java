package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client's kept-alive connection serves many requests before the server closes it (1,000; Tomcat's own default of
 * 100 made a busy client connect again for one request in a hundred).
 */
@OfferDeskTest
class KeepAliveTest {

  @LocalServerPort int port;

  @Test
  void one_connection_serves_more_than_a_hundred_requests() throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 1; i <= 150; i++) {
        out.write("HEAD /signin HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in);
        assertThat(head).as("response %d", i).startsWith("HTTP/1.1 200");
        assertThat(head.toLowerCase()).as("response %d", i).doesNotContain("connection: close");
      }
    }
  }

  /** A response's status line and headers, up to the empty line that ends them (a HEAD response has no body). */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
