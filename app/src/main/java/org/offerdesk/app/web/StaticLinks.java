package org.offerdesk.app.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links in pages are written as the templates give them. Spring Boot would otherwise pass every link of every
 * page ({@code @{/offers/…}} included) through the resource chain to look for a versioned static file: for the
 * offers page that is a classpath lookup per row link (each offer's path is new to the chain's cache), all of
 * them queued on the jar file's lock, and a cache that grows with every offer ever shown (measured in
 * {@code bench/README.md}, P3). Requests for {@code /webjars/…} still resolve their version through the chain.
 */
@Configuration(proxyBeanMethods = false)
class StaticLinks {

  /** Boot registers its own encoding filter only when none is registered: this one, switched off. */
  @Bean
  FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterOff() {
    FilterRegistrationBean<ResourceUrlEncodingFilter> off = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
    off.setEnabled(false);
    return off;
  }
}
