/** The sandbox's web page at {@code /sandbox/}, showing its accounts, catalog and change sets. */
package org.offerdesk.sandbox.console;
