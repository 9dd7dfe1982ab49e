/**
 * The buyer's side of the marketplace: accepting private offers and subscribing to public products,
 * through the control API and the buyer console, which create agreements and registration tokens and
 * send the browser to the seller's fulfillment URL.
 */
package org.offerdesk.sandbox.buyers;
