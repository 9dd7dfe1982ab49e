package org.offerdesk.app.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed reader splits whole records and says where each batch ends, however the bytes arrive. */
class FeedReaderTest {

  @Test
  void batchesEndAfterWholeRecordsAndTheNextReadStartsThere() {
    String csv = "a,b\n1,\"x\ny\"\r\n2,\"q\"\"z\"\n3,last";
    FeedReader reader = new FeedReader(trickle(csv), 0);

    FeedReader.Batch header = reader.next(1);
    FeedReader.Batch rows = reader.next(10);
    FeedReader.Batch rest = reader.next(10);

    assertThat(header.records()).containsExactly(List.of("a", "b"));
    assertThat(header.end()).isEqualTo(4);
    assertThat(rows.records()).containsExactly(List.of("1", "x\ny"), List.of("2", "q\"z"));
    assertThat(rows.end()).isEqualTo(csv.indexOf("3,last"));
    assertThat(rest.isEmpty()).as("a last record without its line end is not read").isTrue();
    assertThat(rest.end()).isEqualTo(rows.end());
  }

  @Test
  void readsFromAPositionAndRecordsLongerThanItsBuffer() {
    String big = "x".repeat(200_000);
    String csv = "h\n" + big + "\nshort\n";
    FeedReader reader = new FeedReader(new ByteArrayInputStream(csv.substring(2).getBytes(StandardCharsets.UTF_8)), 2);

    FeedReader.Batch first = reader.next(1);
    FeedReader.Batch second = reader.next(5);

    assertThat(first.records()).containsExactly(List.of(big));
    assertThat(first.end()).isEqualTo(2 + big.length() + 1);
    assertThat(second.records()).containsExactly(List.of("short"));
    assertThat(second.end()).isEqualTo(csv.length());
    assertThat(reader.next(5).isEmpty()).isTrue();
  }

  @Test
  void aBatchWrittenIntoAnEarlierBatchsArrayHoldsTheSameRecords() {
    String csv = "h\n" + "a,b,c\n".repeat(50) + "\"q,\"\"x\"\"\",tail\n";
    FeedReader fresh = new FeedReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 0);
    List<List<String>> expected = fresh.next(100).records();
    byte[] dirty = new byte[8];
    java.util.Arrays.fill(dirty, (byte) 'z');
    byte[] roomy = new byte[1 << 20];
    java.util.Arrays.fill(roomy, (byte) 'z');
    for (byte[] reuse : List.of(dirty, roomy)) {
      FeedReader reader = new FeedReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 0);
      FeedReader.Batch batch = reader.next(100, reuse);
      assertThat(batch.records()).isEqualTo(expected);
      assertThat(batch.end()).isEqualTo(csv.length());
    }
  }

  @Test
  void fieldsAreSplitOnCommasOutsideQuotes() {
    assertThat(FeedReader.fields("a,,\"b,c\",\"\",\"say \"\"hi\"\"\","))
        .containsExactly("a", "", "b,c", "", "say \"hi\"", "");
    assertThat(FeedReader.fields("")).containsExactly("");
  }

  /** A stream that hands out at most 3 bytes a read, as a slow network may. */
  private static InputStream trickle(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 3));
      }
    };
  }
}
