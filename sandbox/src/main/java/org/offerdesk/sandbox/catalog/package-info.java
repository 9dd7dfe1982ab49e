/**
 * The AWS Marketplace Catalog API: change sets processed asynchronously with AWS's validation, the
 * Offer, ResaleAuthorization and channel-partner change types, and entity description and listing.
 */
package org.offerdesk.sandbox.catalog;
