package org.offerdesk.app.webhooks.internal;

import org.offerdesk.app.secrets.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tells key rotation where webhook endpoints keep their sealed signing secret. */
@Configuration(proxyBeanMethods = false)
class SealedSigningSecret {

  @Bean
  SealedColumn webhookSigningSecret() {
    return new SealedColumn("webhook_endpoint", "id", "sealed_secret");
  }
}
