package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.TestPostgres;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The data-feed buckets through the AWS SDK for Java v2's S3Client (path-style, endpoint override): listing
 * with prefixes, delimiters and pages, objects whole and in ranges, their metadata, and S3's errors for wrong
 * keys, another account's keys, and missing keys and buckets. Objects are SQL fixtures here; delivery is
 * {@link FeedDeliveryTest}'s.
 */
class DataFeedBucketTest {

  private static FeedSandbox sandbox;
  private static SandboxFixture.NewAccount seller;
  private static SandboxFixture.NewAccount other;
  private static String bucket;
  private static final Instant MODIFIED = Instant.parse("2026-11-02T00:00:00Z");
  private static final List<String> KEYS = List.of(
      "accountfeed_v1/year=2026/month=11/data.csv",
      "billingeventfeed_v1/year=2026/month=10/data.csv",
      "billingeventfeed_v1/year=2026/month=11/data.csv",
      "readme.txt");

  @BeforeAll
  static void start() {
    sandbox = new FeedSandbox(TestPostgres.newDatabase("sandbox_buckets"));
    seller = sandbox.openAccount("Bucket Seller", "SELLER");
    other = sandbox.openAccount("Other Seller", "RESELLER");
    bucket = FeedSandbox.bucket(seller.accountId());
    for (String key : KEYS) {
      byte[] content = ("billing_event_id,amount\n" + key + ",1.5\n").getBytes(StandardCharsets.UTF_8);
      sandbox.sql("INSERT INTO sandbox.s3_object (bucket, object_key, content, etag, last_modified) VALUES (?, ?, ?, ?, ?)",
          bucket, key, content, "\"" + md5(content) + "\"", Timestamp.from(MODIFIED));
    }
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void theAccountListShowsEachSellersAndResellersBucket() {
    var accounts = SandboxFixture.send(sandbox.endpoint(), "GET", "/sandbox/accounts", null, 200).get("items");
    List<String> buckets = new ArrayList<>();
    accounts.forEach(a -> {
      if (a.get("accountId").asText().equals(seller.accountId()) || a.get("accountId").asText().equals(other.accountId())) {
        buckets.add(a.get("dataFeedBucket").asText());
      }
    });
    assertThat(buckets).containsExactlyInAnyOrder(bucket, FeedSandbox.bucket(other.accountId()));
  }

  @Test
  void listsKeysByPrefixAndDelimiterInPages() {
    S3Client s3 = sandbox.s3(seller);
    assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(S3Object::key).containsExactlyElementsOf(KEYS);
    assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("billingeventfeed_v1/")).contents())
        .extracting(S3Object::key).containsExactly(KEYS.get(1), KEYS.get(2));

    ListObjectsV2Response top = s3.listObjectsV2(r -> r.bucket(bucket).delimiter("/"));
    assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("accountfeed_v1/", "billingeventfeed_v1/");
    assertThat(top.contents()).extracting(S3Object::key).containsExactly("readme.txt");
    assertThat(top.keyCount()).isEqualTo(3);
    ListObjectsV2Response months = s3.listObjectsV2(r -> r.bucket(bucket).prefix("billingeventfeed_v1/year=2026/").delimiter("/"));
    assertThat(months.commonPrefixes()).extracting(CommonPrefix::prefix)
        .containsExactly("billingeventfeed_v1/year=2026/month=10/", "billingeventfeed_v1/year=2026/month=11/");

    ListObjectsV2Response first = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(3));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.contents()).hasSize(3);
    ListObjectsV2Response rest = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(3).continuationToken(first.nextContinuationToken()));
    assertThat(rest.isTruncated()).isFalse();
    assertThat(rest.contents()).extracting(S3Object::key).containsExactly("readme.txt");

    List<String> paged = new ArrayList<>();
    s3.listObjectsV2Paginator(r -> r.bucket(bucket).maxKeys(1)).contents().forEach(o -> paged.add(o.key()));
    assertThat(paged).containsExactlyElementsOf(KEYS);
    List<String> pagedPrefixes = new ArrayList<>();
    s3.listObjectsV2Paginator(r -> r.bucket(bucket).delimiter("/").maxKeys(1))
        .forEach(page -> page.commonPrefixes().forEach(p -> pagedPrefixes.add(p.prefix())));
    assertThat(pagedPrefixes).containsExactly("accountfeed_v1/", "billingeventfeed_v1/");

    assertThat(s3.listObjectsV2(r -> r.bucket(bucket).startAfter(KEYS.get(1))).contents())
        .extracting(S3Object::key).containsExactly(KEYS.get(2), KEYS.get(3));
    S3Object listed = s3.listObjectsV2(r -> r.bucket(bucket).prefix(KEYS.get(0))).contents().get(0);
    assertThat(listed.lastModified()).isEqualTo(MODIFIED);
    assertThat(listed.size()).isEqualTo(("billing_event_id,amount\n" + KEYS.get(0) + ",1.5\n").length());
  }

  @Test
  void getsObjectsWholeAndInRangesWithTheirMetadata() throws Exception {
    S3Client s3 = sandbox.s3(seller);
    String key = KEYS.get(2);
    String expected = "billing_event_id,amount\n" + key + ",1.5\n";
    ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
    assertThat(whole.asUtf8String()).isEqualTo(expected);
    assertThat(whole.response().eTag()).isEqualTo("\"" + md5(expected.getBytes(StandardCharsets.UTF_8)) + "\"");

    ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).range("bytes=0-15"));
    assertThat(part.asUtf8String()).isEqualTo("billing_event_id");
    assertThat(part.response().contentRange()).isEqualTo("bytes 0-15/" + expected.length());
    assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).range("bytes=-4")).asUtf8String()).isEqualTo(",1.5\n".substring(1));
    assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).range("bytes=17-")).asUtf8String())
        .isEqualTo(expected.substring(17));
    assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).range("bytes=5000-")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(416);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
        });

    HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
    assertThat(head.contentLength()).isEqualTo(expected.length());
    assertThat(head.eTag()).isEqualTo(whole.response().eTag());
    assertThat(head.lastModified()).isEqualTo(MODIFIED);
  }

  @Test
  void wrongKeysAndAnotherAccountsKeysAreRefused() {
    assertThatThrownBy(() -> sandbox.s3(seller.accessKeyId(), "not-the-secret").listObjectsV2(r -> r.bucket(bucket)))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        });
    assertThatThrownBy(() -> sandbox.s3("AKIANOSUCHKEY0000000", "secret").getObject(r -> r.bucket(bucket).key(KEYS.get(0))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId"));
    S3Client stranger = sandbox.s3(other);
    assertThatThrownBy(() -> stranger.listObjectsV2(r -> r.bucket(bucket)))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        });
    assertThatThrownBy(() -> stranger.getObjectAsBytes(r -> r.bucket(bucket).key(KEYS.get(0))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> stranger.headObject(r -> r.bucket(bucket).key(KEYS.get(0))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    assertThat(stranger.listObjectsV2(r -> r.bucket(FeedSandbox.bucket(other.accountId()))).contents()).isEmpty();
  }

  @Test
  void temporaryCredentialsOfTheAccountReadItsBucketAndThoseOfAnotherDoNot() {
    S3Client asSellerRole = assumedRole(other, seller.accountId());
    assertThat(asSellerRole.listObjectsV2(r -> r.bucket(bucket)).contents()).hasSize(KEYS.size());
    S3Client asOtherRole = assumedRole(seller, other.accountId());
    assertThatThrownBy(() -> asOtherRole.getObjectAsBytes(r -> r.bucket(bucket).key(KEYS.get(0))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
  }

  /** An S3 client signing with STS credentials of a role in {@code account}, assumed with {@code caller}'s keys. */
  private static S3Client assumedRole(SandboxFixture.NewAccount caller, String account) {
    try (StsClient sts = StsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(caller.accessKeyId(), caller.secretAccessKey())))
        .httpClientBuilder(ApacheHttpClient.builder()).build()) {
      Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/FeedReader")
          .roleSessionName("feeds").externalId("feeds-ext")).credentials();
      return S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
          .credentialsProvider(StaticCredentialsProvider.create(
              AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
          .httpClientBuilder(ApacheHttpClient.builder()).build();
    }
  }

  @Test
  void missingKeysAndBucketsAreS3Errors() {
    S3Client s3 = sandbox.s3(seller);
    assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("billingeventfeed_v1/year=1999/month=01/data.csv")))
        .isInstanceOf(NoSuchKeyException.class);
    assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key("nothing.csv"))).isInstanceOf(NoSuchKeyException.class);
    assertThatThrownBy(() -> s3.listObjectsV2(r -> r.bucket("sandbox-datafeeds-000000000000")))
        .isInstanceOf(NoSuchBucketException.class);
    assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("somebody-elses-bucket").key("x")))
        .isInstanceOf(NoSuchBucketException.class);
  }

  private static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
