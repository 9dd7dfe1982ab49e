package org.offerdesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderClaimTest {

  @Test
  void records_the_owner_next_to_the_folder_and_refuses_a_second_claim(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("postgres");
    try (DataFolderClaim first = DataFolderClaim.claim(data)) {
      assertThat(Files.readString(dir.resolve("postgres.owner"))).isEqualTo("" + ProcessHandle.current().pid());
      assertThatThrownBy(() -> DataFolderClaim.claim(data))
          .isInstanceOf(DataFolderClaim.DataFolderInUseException.class)
          .hasMessageContaining(data.toString())
          .hasMessageContaining("OFFERDESK_DATA_DIR");
    }
    // Released on close: the next owner may take it.
    DataFolderClaim.claim(data).close();
  }

  @Test
  void the_check_before_a_start_refuses_a_claimed_folder_and_keeps_no_claim_itself(@TempDir Path dir) {
    Path data = dir.resolve("postgres");
    try (DataFolderClaim first = DataFolderClaim.claim(data)) {
      assertThatThrownBy(() -> EmbeddedPostgresServer.refuseIfInUse(data))
          .isInstanceOf(DataFolderClaim.DataFolderInUseException.class)
          .hasMessageContaining(data.toString());
    }
    EmbeddedPostgresServer.refuseIfInUse(data);
    // The check let go of the folder: the start after it claims it.
    DataFolderClaim.claim(data).close();
  }

  @Test
  void refuses_a_folder_whose_library_lock_another_process_holds(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("postgres");
    Files.createDirectories(data);
    Path libraryLock = data.resolve(DataFolderClaim.LIBRARY_LOCK);
    Files.createFile(libraryLock);
    // Another process holding the library's lock, as a running server of an older OfferDesk version does.
    Path holderSource = dir.resolve("HoldLock.java");
    Files.writeString(holderSource, """
        public class HoldLock {
          public static void main(String[] args) throws Exception {
            var channel = java.nio.channels.FileChannel.open(java.nio.file.Path.of(args[0]),
                java.nio.file.StandardOpenOption.WRITE);
            channel.lock();
            System.out.println("locked");
            System.out.flush();
            System.in.read(); // holds the lock until the test closes this input (or ends the process)
          }
        }
        """);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process holder = new ProcessBuilder(java, holderSource.toString(), libraryLock.toString())
        .redirectErrorStream(true).start();
    try {
      assertThat(new String(holder.getInputStream().readNBytes(6))).isEqualTo("locked");
      assertThatThrownBy(() -> DataFolderClaim.claim(data))
          .isInstanceOf(DataFolderClaim.DataFolderInUseException.class);
    } finally {
      holder.getOutputStream().close();
      holder.destroyForcibly().waitFor();
    }
    DataFolderClaim.claim(data).close();
  }
}
