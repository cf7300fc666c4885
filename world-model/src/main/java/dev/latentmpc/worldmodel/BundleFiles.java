package dev.latentmpc.worldmodel;

import dev.latentmpc.worldmodel.ModelSpec.BundleFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks that the files listed in model.json exist with the listed size and sha256. */
final class BundleFiles {
  private static final Logger log = LoggerFactory.getLogger(BundleFiles.class);
  private static final int CHUNK_BYTES = 1 << 20;

  private BundleFiles() {}

  static void verify(Path bundleDir, Map<String, BundleFile> files, boolean checksums) {
    long started = System.nanoTime();
    long total = 0;
    for (Map.Entry<String, BundleFile> entry : files.entrySet()) {
      Path path = bundleDir.resolve(entry.getKey());
      BundleFile expected = entry.getValue();
      long size = sizeOf(path);
      if (size != expected.bytes()) {
        throw new BundleException(
            path,
            "is "
                + size
                + " bytes but model.json lists "
                + expected.bytes()
                + " (truncated or replaced file)");
      }
      if (checksums) {
        String found = sha256(path);
        if (!found.equals(expected.sha256())) {
          throw new BundleException(
              path, "sha256 mismatch: model.json lists " + expected.sha256() + ", found " + found);
        }
      }
      total += size;
    }
    log.debug(
        "verified {} bundle files ({} bytes, checksums={}) in {} ms",
        files.size(),
        total,
        checksums,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static long sizeOf(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new BundleException(path, "is listed in model.json under files but does not exist");
    }
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new BundleException(path, "cannot be read: " + e, e);
    }
  }

  /** Returns the lower-case hex sha256 of a file, read in 1 MiB chunks. */
  static String sha256(Path path) {
    MessageDigest digest = newDigest();
    byte[] chunk = new byte[CHUNK_BYTES];
    try (InputStream in = Files.newInputStream(path)) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        digest.update(chunk, 0, n);
      }
    } catch (IOException e) {
      throw new BundleException(path, "cannot be read: " + e, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
