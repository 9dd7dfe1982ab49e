package org.offerdesk.app.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.runtime.RunMode;
import org.offerdesk.app.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two ways in: the API takes bearer tokens (and the console's session, with a CSRF token), the console
 * takes a signed-in session with CSRF protection on every form.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /**
   * No Micrometer observation of the security filters, their authentication or their authorization. With
   * {@code management.observations.enable.spring.security=false} alone the observations were no-ops, but
   * Spring Security still wrapped each of a chain's ~15 filters in an observing decorator on every request
   * (objects, lookups, a virtual chain per request); with these settings the chain runs its filters as they are.
   * Every request is still timed as a whole ({@code http_server_requests}).
   */
  @Bean
  static SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * The chains' URL patterns ({@code securityMatcher}, {@code requestMatchers}, the sign-in and sign-out URLs) are
   * matched as {@code PathPattern}s on the request's path, as Spring MVC matches its own mappings. Without this
   * bean Spring Security 6.5 builds an {@code MvcRequestMatcher} for each, which asks Spring MVC's
   * {@code HandlerMappingIntrospector} which handler the request goes to (the default from Spring Security 7 on).
   */
  @Bean
  static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
    return new PathPatternRequestMatcherBuilderFactoryBean();
  }

  /**
   * Spring MVC looks up each request's handler once, in the {@code DispatcherServlet}, not twice. Spring Security
   * (6.x, {@code WebMvcSecurityConfiguration}) puts the {@code HandlerMappingIntrospector}'s cache filter in front of
   * its chains whenever Spring MVC is there, and since Spring Framework 6.2 that filter looks the handler up for
   * every request (every one of the 261 mappings tried for a path with a variable such as
   * {@code /api/v1/offers/{id}}), so that an {@code MvcRequestMatcher} or the MVC CORS source could ask for it. No
   * chain here asks (path patterns above, no CORS), so the lookup was a third of the API's request threads' CPU for
   * nothing: this takes the cache filter out of the composite filter that wraps the chains and leaves the rest
   * (the chains, the request path's parsing) as it is. If a later Spring Security wraps its chains otherwise this
   * does nothing; {@code SecurityFilterChainShapeTest} then fails.
   */
  @Bean
  static BeanFactoryPostProcessor oneHandlerLookupPerRequest() {
    return factory -> {
      String name = "springSecurityFilterChain";
      if (factory instanceof BeanDefinitionRegistry registry && registry.containsBeanDefinition(name)) {
        dropIntrospectorCacheFilter(registry.getBeanDefinition(name));
      }
    };
  }

  private static void dropIntrospectorCacheFilter(BeanDefinition composite) {
    if (!String.valueOf(composite.getBeanClassName()).endsWith("$CompositeFilterChainProxy")) {
      return;
    }
    ValueHolder filters = composite.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
    if (filters != null && filters.getValue() instanceof List<?> list) {
      list.removeIf(f -> f instanceof BeanDefinition d
          && String.valueOf(d.getBeanClassName()).endsWith("$HandlerMappingIntrospectorCacheFilterFactoryBean"));
      list.forEach(f -> {
        if (f instanceof BeanDefinition d) {
          dropIntrospectorCacheFilter(d);
        }
      });
    }
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  private static DaoAuthenticationProvider signInProvider(CallerDirectory directory, PasswordEncoder encoder) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(encoder) {
      @Override
      protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
          UserDetails user) {
        Caller caller = ((SignInAccount) user).caller();
        return CallerAuthorities.authentication(caller);
      }
    };
    provider.setUserDetailsService(directory);
    return provider;
  }

  /**
   * Operations endpoints: health for anyone (its details only for the operations token or an admin), the
   * rest (metrics, info) only for the operations token or an admin's session.
   */
  @Bean
  @Order(0)
  SecurityFilterChain operations(HttpSecurity http, CallerDirectory directory, ObjectMapper mapper,
      RateLimits limits, RunMode mode, @Value("${offerdesk.metrics-token:}") String metricsToken) throws Exception {
    http.securityMatcher("/actuator/**")
        .authorizeHttpRequests(a -> a
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .anyRequest().hasAnyRole("ADMIN", OperationsTokenAuthentication.ROLE))
        .headers(SecurityHeaders.forMode(mode))
        .addFilterBefore(new OperationsTokenAuthentication(metricsToken, mapper), AnonymousAuthenticationFilter.class)
        .addFilterBefore(new BearerFailureLimit(limits), OperationsTokenAuthentication.class)
        .addFilterAfter(new SessionRefresh(directory), OperationsTokenAuthentication.class)
        .requestCache(c -> c.disable())
        .exceptionHandling(problems(mapper,
            "Send Authorization: Bearer <operations token> (OFFERDESK_METRICS_TOKEN), or sign in as an admin",
            denied -> "Operations endpoints are for the operations token or an admin"));
    return http.build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, CallerDirectory directory, ObjectMapper mapper, RateLimits limits,
      RunMode mode) throws Exception {
    // Only a request that authenticated with a bearer API token (before the CSRF check, see below) skips
    // CSRF; any other request, whatever Authorization header it carries, is a browser's and needs the token.
    RequestMatcher needsCsrf = request -> !SAFE_METHODS.contains(request.getMethod())
        && !authenticatedByApiToken();
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(a -> a
            .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**", "/api/v1/docs", "/api/v1/docs/**",
                "/api/v1/swagger-ui/**")
            .permitAll()
            .anyRequest().authenticated())
        .csrf(c -> c.requireCsrfProtectionMatcher(needsCsrf))
        .headers(SecurityHeaders.forMode(mode))
        .addFilterBefore(new ApiTokenAuthentication(directory, mapper), CsrfFilter.class)
        .addFilterBefore(new BearerFailureLimit(limits), ApiTokenAuthentication.class)
        .addFilterAfter(new SessionRefresh(directory), ApiTokenAuthentication.class)
        .addFilterAfter(new TokenIssueLimit(limits), SessionRefresh.class)
        .requestCache(c -> c.disable())
        .exceptionHandling(problems(mapper, "Send Authorization: Bearer <token> with a valid API token",
            denied -> denied instanceof CsrfException
                ? "The CSRF token is missing or wrong; API clients should authenticate with a bearer token"
                : "Your role does not allow this action"));
    return http.build();
  }

  /**
   * A machine-facing chain answers problem+json: 401 with {@code WWW-Authenticate: Bearer} and what to send,
   * 403 with why it was denied.
   */
  private static Customizer<ExceptionHandlingConfigurer<HttpSecurity>> problems(ObjectMapper mapper,
      String whatToSend, Function<AccessDeniedException, String> whyDenied) {
    return e -> e
        .authenticationEntryPoint((request, response, ex) -> {
          response.setHeader("WWW-Authenticate", "Bearer");
          Problems.unauthenticated(response, mapper, request, whatToSend);
        })
        .accessDeniedHandler((request, response, ex) -> Problems.forbidden(response, mapper, request,
            whyDenied.apply(ex)));
  }

  @Bean
  @Order(2)
  SecurityFilterChain console(HttpSecurity http, CallerDirectory directory, PasswordEncoder encoder,
      RateLimits limits, RunMode mode) throws Exception {
    SignInAttemptLimit signInLimit = new SignInAttemptLimit(limits);
    http.authenticationProvider(signInProvider(directory, encoder))
        .authorizeHttpRequests(a -> a
            .requestMatchers("/signin", "/setup", "/error", "/problems/**", "/o/**", "/partner-invitations/**", "/marketplace/register", "/marketplace/register/**", "/webjars/**", "/css/**", "/js/**", "/favicon.ico")
            .permitAll()
            .anyRequest().authenticated())
        .formLogin(f -> f
            .loginPage("/signin")
            .loginProcessingUrl("/signin")
            .usernameParameter("email")
            .passwordParameter("password")
            .defaultSuccessUrl("/dashboard", false)
            .failureHandler(signInFailure(signInLimit)))
        .logout(l -> l.logoutUrl("/signout").logoutSuccessUrl("/signin?signedout"))
        .addFilterBefore(new SessionRefresh(directory), AnonymousAuthenticationFilter.class)
        .addFilterBefore(signInLimit, UsernamePasswordAuthenticationFilter.class)
        .addFilterAfter(new TokenIssueLimit(limits), SessionRefresh.class)
        .headers(SecurityHeaders.forMode(mode))
        // The marketplace posts the buyer's browser here from its own site: no CSRF token can come with it.
        // The page it leads to carries one for the buyer's own form.
        .csrf(c -> c.ignoringRequestMatchers(request -> "POST".equals(request.getMethod())
            && request.getRequestURI().matches("^/marketplace/register(/[A-Za-z0-9-]+)?$")))
        .exceptionHandling(e -> e.accessDeniedHandler((request, response, ex) -> response.sendError(403)));
    return http.build();
  }

  private static boolean authenticatedByApiToken() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getPrincipal() instanceof Caller caller && caller.isToken();
  }

  private static AuthenticationFailureHandler signInFailure(SignInAttemptLimit signInLimit) {
    return (request, response, ex) -> {
      signInLimit.failed(request);
      String reason = ex instanceof LockedException ? "locked" : "bad";
      response.sendRedirect(request.getContextPath() + "/signin?error=" + reason);
    };
  }
}
