package org.offerdesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.offerdesk.postgres.LeftoverPostmaster.Verdict.NONE;
import static org.offerdesk.postgres.LeftoverPostmaster.Verdict.ORPHANED_SERVER;
import static org.offerdesk.postgres.LeftoverPostmaster.Verdict.STALE_LOCK;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverPostmasterTest {

  static final Path DATA = Path.of("/srv/offerdesk/data/postgres");
  static final Optional<PostmasterPidFile> PID_FILE = Optional.of(new PostmasterPidFile(4242, DATA));

  @Test
  void reads_pid_and_directory_from_the_file_postgres_writes() {
    String written = "15716\n/tmp/od/data/postgres\n1764766000\n44455\n/tmp\nlocalhost\n  1234  5678\nready   \n";
    assertThat(PostmasterPidFile.parse(written))
        .contains(new PostmasterPidFile(15716, Path.of("/tmp/od/data/postgres")));
  }

  @Test
  void a_truncated_or_garbled_file_parses_to_nothing() {
    assertThat(PostmasterPidFile.parse("")).isEmpty();
    assertThat(PostmasterPidFile.parse("15716")).isEmpty();
    assertThat(PostmasterPidFile.parse("not-a-pid\n/tmp/x\n")).isEmpty();
    assertThat(PostmasterPidFile.parse("-3\n/tmp/x\n")).isEmpty();
  }

  @Test
  void no_pid_file_means_start_normally() {
    assertThat(LeftoverPostmaster.judge(Optional.empty(), false, Optional.empty(), DATA)).isEqualTo(NONE);
  }

  @Test
  void a_pid_file_whose_process_is_dead_is_a_stale_lock() {
    assertThat(LeftoverPostmaster.judge(PID_FILE, true, Optional.empty(), DATA)).isEqualTo(STALE_LOCK);
  }

  @Test
  void a_garbled_pid_file_is_a_stale_lock() {
    assertThat(LeftoverPostmaster.judge(Optional.empty(), true, Optional.empty(), DATA)).isEqualTo(STALE_LOCK);
  }

  @Test
  void a_live_postgres_of_this_folder_is_an_orphan_to_stop() {
    List<String> postgres = List.of("/tmp/embedded-pg/PG-1/bin/postgres", "-D", DATA.toString(), "-p", "44455",
        "-F", "-c", "max_connections=200");
    assertThat(LeftoverPostmaster.judge(PID_FILE, true, Optional.of(postgres), DATA)).isEqualTo(ORPHANED_SERVER);
    assertThat(LeftoverPostmaster.judge(PID_FILE, true,
        Optional.of(List.of("postgres", "-D" + DATA + "/")), DATA)).isEqualTo(ORPHANED_SERVER);
  }

  @Test
  void a_recycled_pid_of_another_program_or_folder_is_never_signalled() {
    assertThat(LeftoverPostmaster.judge(PID_FILE, true, Optional.of(List.of("/usr/bin/vim", "notes.txt")), DATA))
        .isEqualTo(STALE_LOCK);
    assertThat(LeftoverPostmaster.judge(PID_FILE, true,
        Optional.of(List.of("postgres", "-D", "/srv/other/data/postgres")), DATA)).isEqualTo(STALE_LOCK);
    assertThat(LeftoverPostmaster.judge(PID_FILE, true,
        Optional.of(List.of("postgres", "-D", DATA + "-copy")), DATA)).isEqualTo(STALE_LOCK);
    assertThat(LeftoverPostmaster.judge(PID_FILE, true, Optional.of(List.of()), DATA)).isEqualTo(STALE_LOCK);
  }

  @Test
  void clearing_removes_the_pid_file_of_a_dead_server_and_leaves_other_files(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("postgres");
    Files.createDirectories(data);
    Files.writeString(data.resolve("PG_VERSION"), "17\n");
    Files.writeString(data.resolve("postmaster.pid"), deadPid() + "\n" + data + "\n");

    assertThat(LeftoverPostmaster.clear(data)).isEqualTo(STALE_LOCK);

    assertThat(data.resolve("postmaster.pid")).doesNotExist();
    assertThat(data.resolve("PG_VERSION")).exists();
    assertThat(LeftoverPostmaster.clear(data)).isEqualTo(NONE);
  }

  @Test
  void clearing_leaves_a_live_process_that_is_not_a_postgres_of_this_folder_alone(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("postgres");
    Files.createDirectories(data);
    // This JVM's own pid: alive, but its command line names no data directory.
    Files.writeString(data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + data + "\n");

    assertThat(LeftoverPostmaster.clear(data)).isEqualTo(STALE_LOCK);
    assertThat(ProcessHandle.current().isAlive()).isTrue();
    assertThat(data.resolve("postmaster.pid")).doesNotExist();
  }

  /** The pid of a process that has exited (and been reaped), so it names nothing alive. */
  private static long deadPid() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    return gone.pid();
  }
}
