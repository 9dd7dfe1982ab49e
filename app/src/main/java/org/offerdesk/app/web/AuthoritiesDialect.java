package org.offerdesk.app.web;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Gives page templates {@code #authorities}, what the signed-in caller may do, read once per page from its
 * {@link Authentication}: {@code th:if="${#authorities.has('OFFERS_EDIT')}"}. It answers as
 * {@code sec:authorize="hasAuthority('OFFERS_EDIT')"} does (no role hierarchy here), without what that costs on
 * every use: a bean lookup, a parse of the expression and an evaluation context each time (the layout's navbar
 * had nine).
 */
@Component
public class AuthoritiesDialect extends ExpressionObjectDialect {

  public AuthoritiesDialect() {
    super("OfferDesk authorities", "authorities");
  }

  /** The caller's authorities, as a page asks about them. */
  public static final class Authorities {

    private final boolean signedIn;
    private final Set<String> granted;

    Authorities(Authentication authentication) {
      this.signedIn = authentication != null && authentication.isAuthenticated()
          && !(authentication instanceof AnonymousAuthenticationToken);
      Set<String> names = new HashSet<>();
      if (authentication != null) {
        Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
        authorities.forEach(a -> names.add(a.getAuthority()));
      }
      this.granted = names;
    }

    /** As {@code hasAuthority(name)}. */
    public boolean has(String name) {
      return granted.contains(name);
    }

    /** As {@code isAuthenticated()}: signed in, not anonymous. */
    public boolean signedIn() {
      return signedIn;
    }
  }

  /** Once per template run: the caller does not change while a page renders. */
  @Override
  Object build() {
    return new Authorities(SecurityContextHolder.getContext().getAuthentication());
  }
}
