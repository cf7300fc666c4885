package dev.latentmpc.controller.testing;

import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.onnx.OnnxWorldModel;
import dev.latentmpc.worldmodel.onnx.RuntimeOptions;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The committed untrained small bundle, opened once per test JVM on ONNX Runtime's CPU provider
 * with one intra-op thread (bit-for-bit reproducible energies) and closed at JVM exit.
 */
public final class TestBundle {

  /** The bundle directory, relative to the controller module. */
  public static final Path DIR = Path.of("../world-model/bundles/untrained-small64");

  private TestBundle() {}

  /** Returns the shared real world model; wrap it rather than closing it. */
  public static WorldModel model() {
    return Holder.MODEL;
  }

  /** Returns a seeded random RGB image. */
  public static RgbImage randomImage(long seed, int width, int height) {
    byte[] rgb = new byte[width * height * 3];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) random.nextInt(256);
    }
    return new RgbImage(width, height, rgb);
  }

  private static final class Holder {
    static final WorldModel MODEL = open();

    private static WorldModel open() {
      OnnxWorldModel model =
          OnnxWorldModel.open(DIR, RuntimeOptions.builder().intraOpThreads(1).build());
      Runtime.getRuntime().addShutdownHook(new Thread(model::close, "close-test-bundle"));
      return model;
    }
  }
}
