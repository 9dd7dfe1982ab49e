package org.offerdesk.sandbox.s3;

import java.time.Instant;

/**
 * An object of a bucket as S3 describes it: key, size, ETag (quoted MD5) and last modification, with its
 * content when it was read (null in listings).
 */
public record StoredObject(String key, long size, String etag, Instant lastModified, byte[] content) {}
