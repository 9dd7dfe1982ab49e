/**
 * An S3-compatible, read-only API for the sellers' data-feed buckets: ListObjectsV2, GetObject (with
 * ranges) and HeadObject, path-style, SigV4-signed for service {@code s3}, with S3's XML errors.
 */
package org.offerdesk.sandbox.s3;
