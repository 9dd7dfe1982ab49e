package org.offerdesk.app.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.app.web.ProblemType;
import org.offerdesk.app.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two ways in: the API takes bearer tokens (and the console's session, with a CSRF token), the console
 * takes a signed-in session with CSRF protection on every form.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

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

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, CallerDirectory directory, ObjectMapper mapper,
      SecurityClock clock) throws Exception {
    RequestMatcher needsCsrf = request -> !SAFE_METHODS.contains(request.getMethod())
        && request.getHeader("Authorization") == null;
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(a -> a
            .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**", "/api/v1/docs", "/api/v1/docs/**")
            .permitAll()
            .anyRequest().authenticated())
        .csrf(c -> c.requireCsrfProtectionMatcher(needsCsrf))
        .addFilterBefore(new ApiTokenAuthentication(tokens, directory, mapper, clock),
            AnonymousAuthenticationFilter.class)
        .addFilterAfter(new SessionRefresh(directory), ApiTokenAuthentication.class)
        .requestCache(c -> c.disable())
        .exceptionHandling(e -> e
            .authenticationEntryPoint((request, response, ex) -> {
              response.setHeader("WWW-Authenticate", "Bearer");
              Problems.write(response, mapper, request, ProblemType.UNAUTHENTICATED,
                  "Send Authorization: Bearer <token> with a valid API token");
            })
            .accessDeniedHandler((request, response, ex) -> Problems.write(response, mapper, request,
                ProblemType.FORBIDDEN, ex instanceof CsrfException
                    ? "The CSRF token is missing or wrong; API clients should authenticate with a bearer token"
                    : "Your role does not allow this action")));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain console(HttpSecurity http, CallerDirectory directory, PasswordEncoder encoder)
      throws Exception {
    http.authenticationProvider(signInProvider(directory, encoder))
        .authorizeHttpRequests(a -> a
            .requestMatchers("/signin", "/setup", "/error", "/problems/**", "/o/**", "/marketplace/register", "/marketplace/register/**", "/webjars/**", "/css/**", "/js/**", "/favicon.ico",
                "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
            .permitAll()
            .anyRequest().authenticated())
        .formLogin(f -> f
            .loginPage("/signin")
            .loginProcessingUrl("/signin")
            .usernameParameter("email")
            .passwordParameter("password")
            .defaultSuccessUrl("/offers", false)
            .failureHandler(signInFailure()))
        .logout(l -> l.logoutUrl("/signout").logoutSuccessUrl("/signin?signedout"))
        .addFilterBefore(new SessionRefresh(directory), AnonymousAuthenticationFilter.class)
        // The marketplace posts the buyer's browser here from its own site: no CSRF token can come with it.
        // The page it leads to carries one for the buyer's own form.
        .csrf(c -> c.ignoringRequestMatchers(request -> "POST".equals(request.getMethod())
            && request.getRequestURI().matches("^/marketplace/register(/[A-Za-z0-9-]+)?$")))
        .exceptionHandling(e -> e.accessDeniedHandler((request, response, ex) -> response.sendError(403)));
    return http.build();
  }

  private static AuthenticationFailureHandler signInFailure() {
    return (request, response, ex) -> {
      String reason = ex instanceof LockedException ? "locked" : "bad";
      response.sendRedirect(request.getContextPath() + "/signin?error=" + reason);
    };
  }
}
