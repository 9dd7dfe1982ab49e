package org.offerdesk.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void an_admin_may_do_everything_and_a_viewer_only_reads() {
    assertThat(Role.ADMIN.permissions()).containsExactlyInAnyOrder(Permission.values());
    assertThat(Role.VIEWER.permissions()).allMatch(p -> p.name().endsWith("_VIEW"));
  }

  @Test
  void only_admins_manage_users_and_tokens() {
    for (Role role : Role.values()) {
      boolean admin = role == Role.ADMIN || role == Role.PARTNER_ADMIN;
      assertThat(role.allows(Permission.USERS_MANAGE)).as(role.name()).isEqualTo(admin);
      assertThat(role.allows(Permission.TOKENS_MANAGE)).as(role.name()).isEqualTo(admin);
    }
  }

  @Test
  void sales_sends_offers_and_finance_books_them() {
    assertThat(Role.SALES.allows(Permission.OFFERS_EDIT)).isTrue();
    assertThat(Role.SALES.allows(Permission.FINANCE_EDIT)).isFalse();
    assertThat(Role.FINANCE.allows(Permission.FINANCE_EDIT)).isTrue();
    assertThat(Role.FINANCE.allows(Permission.OFFERS_EDIT)).isFalse();
  }

  @Test
  void resellers_have_their_own_roles_no_listings_and_only_their_admin_sees_money() {
    assertThat(Role.forKind(OrganizationKind.RESELLER)).containsExactly(Role.PARTNER_ADMIN, Role.PARTNER_SALES);
    assertThat(Role.forKind(OrganizationKind.SELLER)).first().isEqualTo(Role.ADMIN);
    for (Role role : Role.forKind(OrganizationKind.RESELLER)) {
      assertThat(role.allows(Permission.LISTINGS_EDIT)).isFalse();
    }
    // the ledger of its channel deals (price, wholesale cost, margin) is the reseller admin's, not its reps'
    assertThat(Role.PARTNER_ADMIN.allows(Permission.FINANCE_VIEW)).isTrue();
    assertThat(Role.PARTNER_SALES.allows(Permission.FINANCE_VIEW)).isFalse();
  }
}
