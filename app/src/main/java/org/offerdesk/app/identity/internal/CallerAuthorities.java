package org.offerdesk.app.identity.internal;

import java.util.ArrayList;
import java.util.List;
import org.offerdesk.app.identity.Caller;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A caller's granted authorities are its role's permissions, plus the role itself. */
final class CallerAuthorities {

  private CallerAuthorities() {}

  static List<GrantedAuthority> of(Caller caller) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    caller.role().permissions().forEach(p -> authorities.add(new SimpleGrantedAuthority(p.name())));
    authorities.add(new SimpleGrantedAuthority("ROLE_" + caller.role().name()));
    return authorities;
  }

  static UsernamePasswordAuthenticationToken authentication(Caller caller) {
    return UsernamePasswordAuthenticationToken.authenticated(caller, null, of(caller));
  }
}
