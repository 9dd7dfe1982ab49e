package org.offerdesk.app.marketplace.internal;

import org.offerdesk.app.secrets.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tells key rotation where connections keep their sealed secret access key. */
@Configuration(proxyBeanMethods = false)
class SealedConnectionSecret {

  @Bean
  SealedColumn marketplaceConnectionSecret() {
    return new SealedColumn("marketplace_connection", "organization_id", "secret_access_key");
  }
}
