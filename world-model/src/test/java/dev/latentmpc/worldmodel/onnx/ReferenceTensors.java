package dev.latentmpc.worldmodel.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the PyTorch reference tensors of a conformance fixture: {@code reference.json} maps each
 * name to a raw little-endian file (float32 {@code .f32} or uint8 {@code .u8}) and its shape.
 */
final class ReferenceTensors {
  private final Path dir;
  private final JsonNode index;

  ReferenceTensors(Path dir) throws IOException {
    this.dir = dir;
    this.index = new ObjectMapper().readTree(dir.resolve("reference.json").toFile()).get("tensors");
  }

  int[] shape(String name) {
    JsonNode shape = entry(name).get("shape");
    int[] dims = new int[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.get(i).asInt();
    }
    return dims;
  }

  float[] floats(String name) throws IOException {
    byte[] raw = read(name, "float32");
    float[] values = new float[raw.length / 4];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  byte[] bytes(String name) throws IOException {
    return read(name, "uint8");
  }

  private byte[] read(String name, String dtype) throws IOException {
    JsonNode entry = entry(name);
    String found = entry.path("dtype").asText("float32");
    if (!found.equals(dtype)) {
      throw new IllegalStateException(name + " is " + found + ", expected " + dtype);
    }
    byte[] raw = Files.readAllBytes(dir.resolve(entry.get("file").asText()));
    long elements = Arrays.stream(shape(name)).asLongStream().reduce(1, (a, b) -> a * b);
    int width = dtype.equals("uint8") ? 1 : 4;
    if (raw.length != elements * width) {
      throw new IllegalStateException(
          name + " holds " + raw.length + " bytes, shape says " + elements * width);
    }
    return raw;
  }

  private JsonNode entry(String name) {
    JsonNode entry = index.get(name);
    if (entry == null) {
      throw new IllegalStateException("reference.json has no tensor " + name);
    }
    return entry;
  }
}
