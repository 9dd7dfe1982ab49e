package org.offerdesk.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Links to the console's static files carry their content's hash ({@code bootstrap.min-<md5>.css}), so a browser
 * keeps each file for a year ({@code spring.web.resources.*} in application.properties) and a new build's file is a
 * new URL. Without it Spring Security marked them {@code no-store}: every page load fetched and parsed Bootstrap's
 * 230 KB again. Only links under {@link #PREFIXES} go through the resource chain, each looked up once: Spring Boot's
 * own encoding filter would pass every link of every page ({@code @{/offers/…}} included) through it, for the
 * offers page a classpath lookup per row link, all queued on the jar file's lock, and a cache that grows with every
 * offer ever shown (measured in {@code bench/README.md}, P3).
 */
@Configuration(proxyBeanMethods = false)
class StaticLinks {

  private static final String[] PREFIXES = {"/webjars/", "/css/", "/js/"};

  /** Whether {@code path} (a request's path within the application) is one of the console's static files. */
  static boolean isStaticFile(String path) {
    for (String prefix : PREFIXES) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Boot registers its own encoding filter only when none is registered: this one, switched off. */
  @Bean
  FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterOff() {
    FilterRegistrationBean<ResourceUrlEncodingFilter> off = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
    off.setEnabled(false);
    return off;
  }

  @Bean
  FilterRegistrationBean<HashedStaticLinks> hashedStaticLinks(ResourceUrlProvider mvcResourceUrlProvider) {
    return new FilterRegistrationBean<>(new HashedStaticLinks(mvcResourceUrlProvider));
  }

  /** Writes a page's links to static files as their hashed URLs; API requests are left alone. */
  static final class HashedStaticLinks extends OncePerRequestFilter {

    private final ResourceUrlProvider resources;
    /** Link as written → link with its hash: a handful of files, the same for every request. */
    private final Map<String, String> hashed = new ConcurrentHashMap<>();

    HashedStaticLinks(ResourceUrlProvider resources) {
      this.resources = resources;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String context = request.getContextPath();
      chain.doFilter(request, new HttpServletResponseWrapper(response) {
        @Override
        public String encodeURL(String url) {
          return super.encodeURL(isStatic(url, context) ? hashed(url, context) : url);
        }
      });
    }

    private String hashed(String url, String context) {
      return hashed.computeIfAbsent(url, link -> {
        String found = resources.getForLookupPath(link.substring(context.length()));
        return found == null ? link : context + found;
      });
    }

    private static boolean isStatic(String url, String context) {
      return url.startsWith(context) && url.indexOf('?') < 0 && url.indexOf('#') < 0
          && isStaticFile(url.substring(context.length()));
    }
  }
}
