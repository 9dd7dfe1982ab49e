package org.offerdesk.app.identity.internal;

import java.util.Collection;
import java.util.List;
import org.offerdesk.app.identity.Caller;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A user as Spring Security's sign-in sees it, before it becomes a {@link Caller}. */
record SignInAccount(Caller caller, String passwordHash, boolean active, boolean locked) implements UserDetails {

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of();
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return caller.email();
  }

  @Override
  public boolean isAccountNonLocked() {
    return !locked;
  }

  @Override
  public boolean isEnabled() {
    return active;
  }
}
