/**
 * STS, the AWS Security Token Service, as far as OfferDesk needs it: GetCallerIdentity (which account signs
 * a call) and AssumeRole (temporary credentials of another sandbox account), over the AWS query protocol.
 */
package org.offerdesk.sandbox.sts;
