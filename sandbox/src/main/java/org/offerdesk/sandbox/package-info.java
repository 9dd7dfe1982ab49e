/**
 * The marketplace sandbox: a local, wire-compatible implementation of the AWS Marketplace seller APIs
 * (Catalog, Agreement, Metering, Entitlement, an SQS-compatible event queue), with the buyer's side and
 * a clock that can be moved forward. Runs standalone or embedded in OfferDesk through {@link
 * org.offerdesk.sandbox.SandboxServer}.
 */
package org.offerdesk.sandbox;
