package org.offerdesk.app.marketplace;

import java.net.URI;

/** Where the embedded marketplace sandbox listens, when OfferDesk runs one. */
public interface EmbeddedSandboxEndpoint {

  URI endpoint();
}
