/** Agreements between buyers and sellers; created by acceptance in part 2, read by the catalog already. */
package org.offerdesk.sandbox.agreements;
