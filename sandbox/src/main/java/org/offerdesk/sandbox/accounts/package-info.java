/**
 * AWS accounts of the sandbox (sellers, resellers, buyers), their access keys, the seeded demo
 * accounts and the {@code /sandbox/accounts} control API.
 */
package org.offerdesk.sandbox.accounts;
