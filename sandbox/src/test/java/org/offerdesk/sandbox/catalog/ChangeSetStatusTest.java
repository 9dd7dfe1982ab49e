package org.offerdesk.sandbox.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.offerdesk.sandbox.catalog.ChangeSetStatus.APPLYING;
import static org.offerdesk.sandbox.catalog.ChangeSetStatus.CANCELLED;
import static org.offerdesk.sandbox.catalog.ChangeSetStatus.FAILED;
import static org.offerdesk.sandbox.catalog.ChangeSetStatus.PREPARING;
import static org.offerdesk.sandbox.catalog.ChangeSetStatus.SUCCEEDED;

import org.junit.jupiter.api.Test;

/** The lifecycles of change sets, offers and resale authorizations, tested where they are defined. */
class ChangeSetStatusTest {

  @Test
  void changeSetsMoveForwardOnlyAndCancelOnlyWhilePreparing() {
    assertThat(PREPARING.canMoveTo(APPLYING)).isTrue();
    assertThat(PREPARING.canMoveTo(CANCELLED)).isTrue();
    assertThat(APPLYING.canMoveTo(SUCCEEDED)).isTrue();
    assertThat(APPLYING.canMoveTo(FAILED)).isTrue();
    assertThat(APPLYING.canMoveTo(CANCELLED)).isFalse();
    assertThat(APPLYING.canMoveTo(PREPARING)).isFalse();
    for (ChangeSetStatus end : new ChangeSetStatus[] {SUCCEEDED, FAILED, CANCELLED}) {
      assertThat(end.isTerminal()).isTrue();
      for (ChangeSetStatus any : ChangeSetStatus.values()) {
        assertThat(end.canMoveTo(any)).isFalse();
      }
    }
  }

  @Test
  void offersAreReleasedOnce() {
    assertThat(OfferState.Draft.canMoveTo(OfferState.Released)).isTrue();
    assertThat(OfferState.Released.canMoveTo(OfferState.Released)).isFalse();
    assertThat(OfferState.Released.canMoveTo(OfferState.Draft)).isFalse();
  }

  @Test
  void resaleAuthorizationsGoDraftActiveRestricted() {
    assertThat(ResaleAuthorizationStatus.Draft.canMoveTo(ResaleAuthorizationStatus.Active)).isTrue();
    assertThat(ResaleAuthorizationStatus.Active.canMoveTo(ResaleAuthorizationStatus.Restricted)).isTrue();
    assertThat(ResaleAuthorizationStatus.Draft.canMoveTo(ResaleAuthorizationStatus.Restricted)).isFalse();
    assertThat(ResaleAuthorizationStatus.Restricted.canMoveTo(ResaleAuthorizationStatus.Active)).isFalse();
  }
}
