package dev.latentmpc.deploy.badinput;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Wire payloads that are not a valid encoding of a given message type, as a broken or hostile
 * client would send: truncated or bit-flipped encodings of a valid message, tag 0, wire types 6 and
 * 7, lengths past the end, overlong varints, unmatched and too deeply nested groups, invalid UTF-8
 * in a string field, random bytes. Each candidate is kept only when protobuf-java's own parser
 * rejects it, so every payload is surely unparseable (random bytes often parse).
 */
final class UnparseablePayloads {
  private static final int NESTING_BEYOND_LIMIT = 120; // protobuf-java's recursion limit is 100

  private UnparseablePayloads() {}

  /** Returns {@code count} payloads that {@code valid}'s parser rejects, derived from it. */
  static List<byte[]> of(Message valid, int count, SplittableRandom random) {
    byte[] bytes = valid.toByteArray();
    List<byte[]> payloads = new ArrayList<>(count);
    int attempts = 0;
    while (payloads.size() < count) {
      if (++attempts > count * 200) {
        throw new IllegalStateException("cannot make unparseable " + valid.getClass());
      }
      byte[] candidate = candidate(bytes, random);
      if (!parses(valid, candidate)) {
        payloads.add(candidate);
      }
    }
    return payloads;
  }

  private static boolean parses(Message valid, byte[] candidate) {
    try {
      valid.getParserForType().parseFrom(candidate);
      return true;
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  private static byte[] candidate(byte[] valid, SplittableRandom random) {
    return switch (random.nextInt(11)) {
      case 0, 1 ->
          valid.length < 2
              ? new byte[] {0x0a, 0x05}
              : Arrays.copyOf(valid, random.nextInt(1, valid.length));
      case 2 -> {
        byte[] flipped = valid.length == 0 ? new byte[] {0x00} : valid.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && flipped.length > 0; i++) {
          flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
        }
        yield flipped;
      }
      case 3 -> splice(valid, new byte[] {0x00, (byte) random.nextInt(256)}, random);
      case 4 ->
          splice(
              valid,
              new byte[] {(byte) (random.nextInt(1, 16) << 3 | 6 + random.nextInt(2))},
              random);
      case 5 ->
          concat(
              valid,
              new byte[] {
                (byte) (random.nextInt(1, 16) << 3 | 2), (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07
              });
      case 6 ->
          concat(
              valid,
              new byte[] {
                0x08,
                (byte) 0xff,
                (byte) 0xff,
                (byte) 0xff,
                (byte) 0xff,
                (byte) 0xff,
                (byte) 0xff,
                (byte) 0xff,
                (byte) 0xff,
                (byte) 0xff,
                (byte) 0xff,
                0x01
              });
      case 7 -> concat(valid, new byte[] {(byte) (random.nextInt(1, 16) << 3 | 4)});
      case 8 -> {
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        nested.writeBytes(valid);
        for (int i = 0; i < NESTING_BEYOND_LIMIT; i++) {
          nested.write(0x7b); // field 15, start group
        }
        yield nested.toByteArray();
      }
      case 9 ->
          concat(
              valid, new byte[] {(byte) (random.nextInt(1, 16) << 3 | 2), 0x02, (byte) 0xc3, 0x28});
      default -> {
        byte[] noise = new byte[1 + random.nextInt(256)];
        random.nextBytes(noise);
        yield noise;
      }
    };
  }

  private static byte[] splice(byte[] valid, byte[] inserted, SplittableRandom random) {
    int at = valid.length == 0 ? 0 : random.nextInt(valid.length + 1);
    byte[] out = new byte[valid.length + inserted.length];
    System.arraycopy(valid, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(valid, at, out, at + inserted.length, valid.length - at);
    return out;
  }

  private static byte[] concat(byte[] valid, byte[] tail) {
    byte[] out = Arrays.copyOf(valid, valid.length + tail.length);
    System.arraycopy(tail, 0, out, valid.length, tail.length);
    return out;
  }
}
