/**
 * What every AWS-compatible endpoint of the sandbox shares: AWS's error codes, statuses and the
 * error shape the SDKs parse.
 */
package org.offerdesk.sandbox.wire;
