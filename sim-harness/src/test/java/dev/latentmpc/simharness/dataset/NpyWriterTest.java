package dev.latentmpc.simharness.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
  @TempDir Path dir;

  @Test
  void headerIsVersion1LittleEndianAndAlignedTo64() {
    for (int[] shape : new int[][] {{5}, {3, 7}, {12, 256, 256, 3}, {0, 7}}) {
      byte[] header = NpyWriter.header("<f4", shape);
      assertThat(header.length % 64).isZero();
      assertThat(header[0] & 0xFF).isEqualTo(0x93);
      assertThat(new String(header, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
      assertThat(header[6]).isEqualTo((byte) 1);
      assertThat(header[7]).isEqualTo((byte) 0);
      int length = ByteBuffer.wrap(header, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
      assertThat(10 + length).isEqualTo(header.length);
      assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
    }
  }

  @Test
  void shapeIsAPythonTupleIncludingTheOneElementForm() {
    assertThat(dict(NpyWriter.header("|u1", new int[] {5})))
        .startsWith("{'descr': '|u1', 'fortran_order': False, 'shape': (5,), }");
    assertThat(dict(NpyWriter.header("<f4", new int[] {2, 256, 256, 3})))
        .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 256, 256, 3), }");
  }

  @Test
  void float32DataIsLittleEndianAfterTheHeader() throws IOException {
    Path file = dir.resolve("a.npy");
    NpyWriter.writeFloat32(file, new int[] {2, 2}, new float[] {1f, -2.5f, 0f, 3.25f});
    byte[] bytes = Files.readAllBytes(file);
    int offset = NpyWriter.header("<f4", new int[] {2, 2}).length;
    assertThat(bytes).hasSize(offset + 16);
    ByteBuffer data = ByteBuffer.wrap(bytes, offset, 16).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new float[] {data.getFloat(), data.getFloat(), data.getFloat(), data.getFloat()})
        .containsExactly(1f, -2.5f, 0f, 3.25f);
  }

  @Test
  void uint8ChunksAreConcatenatedInOrder() throws IOException {
    Path file = dir.resolve("f.npy");
    NpyWriter.writeUint8(
        file, new int[] {2, 1, 1, 3}, List.of(new byte[] {1, 2, 3}, new byte[] {(byte) 255, 0, 7}));
    byte[] bytes = Files.readAllBytes(file);
    int offset = NpyWriter.header("|u1", new int[] {2, 1, 1, 3}).length;
    assertThat(java.util.Arrays.copyOfRange(bytes, offset, bytes.length))
        .containsExactly(1, 2, 3, (byte) 255, 0, 7);
  }

  @Test
  void mismatchedShapeIsRejected() {
    assertThatThrownBy(
            () -> NpyWriter.writeFloat32(dir.resolve("b.npy"), new int[] {3, 7}, new float[20]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(3, 7) holds 21 elements, got 20");
  }

  private static String dict(byte[] header) {
    return new String(header, 10, header.length - 10, StandardCharsets.US_ASCII);
  }
}
