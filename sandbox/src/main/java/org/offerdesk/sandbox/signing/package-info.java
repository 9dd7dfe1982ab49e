/** AWS Signature Version 4 verification: the signing key decides which sandbox account is calling. */
package org.offerdesk.sandbox.signing;
