package org.offerdesk.app.outbound;

import org.offerdesk.app.runtime.RunMode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The guard as a bean, from the run mode and {@code offerdesk.outbound.allow} ({@code OFFERDESK_OUTBOUND_ALLOW}). */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

  @Bean
  OutboundGuard outboundGuard(RunMode mode, @Value("${offerdesk.outbound.allow:}") String allow) {
    return new OutboundGuard(mode, AllowList.parse(allow));
  }
}
