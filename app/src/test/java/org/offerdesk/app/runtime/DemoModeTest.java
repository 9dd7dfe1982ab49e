package org.offerdesk.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/** The demo, as the tests start it: this machine only, with its demo organizations and no setup page. */
@OfferDeskTest
class DemoModeTest {

  @LocalServerPort int port;
  @Autowired ServletWebServerApplicationContext context;
  @Autowired RunMode mode;

  @Test
  void the_web_server_is_bound_to_loopback() {
    assertThat(mode).isEqualTo(RunMode.DEMO);
    Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
    InetAddress bound = ((AbstractProtocol<?>) connector.getProtocolHandler()).getAddress();
    assertThat(bound).isNotNull();
    assertThat(bound.getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void the_demo_organizations_exist_so_there_is_no_setup_page() {
    Http browser = new Http(port);
    assertThat(browser.get("/setup").status()).isEqualTo(404);
    assertThat(browser.get("/signin").body()).contains("Sign in to OfferDesk");
  }
}
