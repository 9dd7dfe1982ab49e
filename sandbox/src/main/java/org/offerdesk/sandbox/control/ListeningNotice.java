package org.offerdesk.sandbox.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Says on start where the sandbox listens, who may use its control API, and a generated admin token. */
@Component
class ListeningNotice implements ApplicationListener<WebServerInitializedEvent> {

  private static final Logger log = LoggerFactory.getLogger(ListeningNotice.class);

  private final ControlSettings settings;

  ListeningNotice(ControlSettings settings) {
    this.settings = settings;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    int port = event.getWebServer().getPort();
    if (settings.loopbackOnly()) {
      log.info("Marketplace sandbox listening on {}:{} (loopback only; OFFERDESK_SANDBOX_BIND to change). "
          + "Local callers use its control API without a token", settings.bindText(), port);
    } else {
      log.warn("Marketplace sandbox listening on {}:{} (OFFERDESK_SANDBOX_BIND): its control API (/sandbox/**) "
          + "requires the admin token from every caller", settings.bindText(), port);
    }
    if (settings.tokenGenerated()) {
      log.info("Sandbox admin token (generated for this start; set OFFERDESK_SANDBOX_ADMIN_TOKEN to choose it): {}",
          settings.adminToken());
    }
  }
}
