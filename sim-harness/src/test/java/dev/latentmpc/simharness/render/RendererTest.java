package dev.latentmpc.simharness.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RendererTest {
  /** Looks down at the origin from 1 m up and 0.3 m back: a box top faces the camera. */
  private static final CameraSpec TOP_DOWN =
      new CameraSpec(128, 128, 50, new Vec3(-0.3, 0, 1), Vec3.ZERO);

  private static final Lighting HARSH =
      new Lighting(new Vec3(0, 0, 1), 0.9, new Vec3(1, 0, 0), 0, 0.1);

  @Test
  void sameSeedAndSceneGiveIdenticalBytes() {
    List<Shape> scene = TestScenes.workspace();
    AppearanceJitter jitter = AppearanceJitter.MODERATE;
    String first = sha256(jittered(jitter, 42).render(scene));
    String again = sha256(jittered(jitter, 42).render(scene));
    Renderer reused = jittered(jitter, 42);
    reused.render(List.of(TestScenes.table()));
    String afterOtherFrame = sha256(reused.render(scene));
    String otherSeed = sha256(jittered(jitter, 43).render(scene));

    assertThat(again).isEqualTo(first);
    assertThat(afterOtherFrame).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void boxAppearsWhereTheProjectionSays() {
    CameraSpec camera = CameraSpec.DEFAULT;
    Vec3 center = new Vec3(0.55, 0.1, 0.2);
    RgbImage image = new Renderer(camera).render(List.of(box(center, 0.03, TestScenes.RED)));

    ImagePoint p = camera.project(center);
    assertThat(p.insideImage(camera.widthPx(), camera.heightPx())).isTrue();
    assertThat(isReddish(image, p.column(), p.row())).isTrue();
    // 40 px away the box (about 12 px across) is gone.
    assertThat(isReddish(image, p.column() + 40, p.row())).isFalse();
    assertThat(isReddish(image, p.column(), p.row() - 40)).isFalse();
  }

  @Test
  void nearBoxHidesFarBoxWhateverTheDrawingOrder() {
    CameraSpec camera = CameraSpec.DEFAULT;
    Vec3 eye = camera.eyeM();
    Vec3 far = CameraSpec.WORKSPACE_CENTER_M;
    Vec3 near = eye.plus(far.minus(eye).times(0.5));
    Shape red = box(near, 0.01, TestScenes.RED);
    Shape blue = box(far, 0.06, TestScenes.BLUE);
    ImagePoint p = camera.project(near);
    Renderer renderer = new Renderer(camera);

    for (List<Shape> scene : List.of(List.of(red, blue), List.of(blue, red))) {
      RgbImage image = renderer.render(scene);
      assertThat(isReddish(image, p.column(), p.row())).as("order %s", scene).isTrue();
    }
    // Blue shows around the small red box.
    RgbImage image = renderer.render(List.of(red, blue));
    ImagePoint beside = camera.project(far.plus(new Vec3(0, 0, 0.045)));
    assertThat(isBluish(image, beside.column(), beside.row())).isTrue();
  }

  @Test
  void faceLitHeadOnIsBrighterThanAtGrazingAngle() {
    Shape grey = box(new Vec3(0, 0, 0.05), 0.1, new Rgb(200, 200, 200));
    ImagePoint top = TOP_DOWN.project(new Vec3(0, 0, 0.1));
    Appearance base = Appearance.of(TOP_DOWN).withShadows(false).withLighting(HARSH);
    Lighting grazing = HARSH.withKey(new Vec3(1, 0, 0.1), 0.9);

    int headOn = luma(new Renderer(base).render(List.of(grey)), top);
    int grazed = luma(new Renderer(base.withLighting(grazing)).render(List.of(grey)), top);

    // 200 · (0.1 + 0.9 · cos θ): 200 head-on, about 38 at θ = 84°.
    assertThat(headOn).isBetween(199, 200);
    assertThat(grazed).isBetween(36, 40);
  }

  @Test
  void shapeBehindOrAroundTheCameraIsClippedWithoutError() {
    CameraSpec camera = CameraSpec.DEFAULT;
    Vec3 eye = camera.eyeM();
    Vec3 backwards = eye.minus(camera.targetM()).normalized();
    Renderer renderer = new Renderer(camera);
    String empty = sha256(renderer.render(List.of()));

    Shape behind = box(eye.plus(backwards.times(0.5)), 0.2, TestScenes.RED);
    assertThat(sha256(renderer.render(List.of(behind)))).isEqualTo(empty);

    // A box around the eye: all of its faces look away from the camera and are culled.
    Shape around = box(eye, 0.3, TestScenes.RED);
    assertThat(sha256(renderer.render(List.of(around)))).isEqualTo(empty);

    // A long cylinder from behind the camera, passing beside it, to the workspace: clipped at
    // the near plane, its front part drawn.
    Vec3 start = eye.plus(backwards.times(2)).plus(new Vec3(0, 0, 0.1));
    Vec3 end = camera.targetM();
    Shape spear = TestScenes.cylinder(start, end, 0.01, TestScenes.BLUE);
    ImagePoint nearEnd = camera.project(end.plus(start.minus(end).normalized().times(0.2)));
    RgbImage speared = renderer.render(List.of(spear));
    assertThat(isBluish(speared, nearEnd.column(), nearEnd.row())).isTrue();
  }

  @Test
  void adjacentTrianglesLeaveNoGaps() {
    // A box top filling the whole view: every pixel must be the same colour.
    CameraSpec camera = new CameraSpec(97, 61, 40, new Vec3(0.13, 0.07, 1), Vec3.ZERO);
    Renderer renderer = new Renderer(Appearance.of(camera).withShadows(false));
    RgbImage image = renderer.render(List.of(box(new Vec3(0, 0, -1), 1, TestScenes.WHITE)));
    byte[] rgb = image.rgb();
    for (int i = 3; i < rgb.length; i++) {
      assertThat(rgb[i]).as("byte %d", i).isEqualTo(rgb[i % 3]);
    }
  }

  @Test
  void shapesCastShadowsOnTheTable() {
    Appearance look = Appearance.of(TOP_DOWN).withLighting(HARSH);
    Shape table =
        new Shape.Box(Pose.at(new Vec3(0, 0, -0.02)), new Vec3(1, 1, 0.02), TestScenes.TABLE);
    Shape floating = box(new Vec3(0.1, 0.1, 0.2), 0.03, TestScenes.RED);
    RgbImage image = new Renderer(look).render(List.of(table, floating));
    RgbImage noShadow = new Renderer(look.withShadows(false)).render(List.of(table, floating));

    // The key light is straight above: the shadow lies right under the box.
    ImagePoint under = TOP_DOWN.project(new Vec3(0.1, 0.1, 0));
    ImagePoint open = TOP_DOWN.project(new Vec3(-0.1, -0.1, 0));
    assertThat(luma(image, under)).isLessThan(luma(image, open) / 2);
    assertThat(luma(noShadow, under)).isEqualTo(luma(noShadow, open));
  }

  @Test
  void tableTextureChangesTheTableOnly() {
    List<Shape> scene = List.of(TestScenes.table());
    TableTexture checker = new TableTexture(0.1, 0.2, 0.02, 5);
    RgbImage plain = new Renderer(Appearance.DEFAULT.withShadows(false)).render(scene);
    RgbImage textured =
        new Renderer(Appearance.DEFAULT.withShadows(false).withTableTexture(checker)).render(scene);

    assertThat(sha256(textured)).isNotEqualTo(sha256(plain));
    // The room (top-left corner) is untouched.
    assertThat(textured.value(0, 0, 0)).isEqualTo(plain.value(0, 0, 0));
  }

  @Test
  void antialiasingBlendsEdgesAndLeavesFacesAlone() {
    Appearance look = Appearance.of(TOP_DOWN).withShadows(false).withLighting(HARSH);
    Shape grey = box(new Vec3(0, 0, 0.05), 0.1, new Rgb(200, 200, 200));
    RgbImage sharp = new Renderer(look.withAntialiasing(1)).render(List.of(grey));
    RgbImage smooth = new Renderer(look.withAntialiasing(3)).render(List.of(grey));
    ImagePoint top = TOP_DOWN.project(new Vec3(0, 0, 0.1));

    assertThat(luma(smooth, top)).isEqualTo(luma(sharp, top));
    // Along the box outline (about 150 px long) pixels take blended colours the sharp image lacks.
    Set<Integer> sharpColours = colours(sharp).boxed().collect(Collectors.toSet());
    assertThat(colours(smooth).filter(c -> !sharpColours.contains(c)).count()).isGreaterThan(60);
    assertThatThrownBy(() -> look.withAntialiasing(0)).hasMessageContaining("antialiasing");
    assertThatThrownBy(() -> look.withAntialiasing(5)).hasMessageContaining("antialiasing");
    Appearance huge = look.withCamera(TOP_DOWN.withSize(4096, 4096)).withAntialiasing(2);
    assertThatThrownBy(() -> new Renderer(huge)).hasMessageContaining("lower the size");
  }

  @Test
  void rejectsBadShapesAndBuffers() {
    Renderer renderer = new Renderer(CameraSpec.DEFAULT);
    Shape nan = box(new Vec3(Double.NaN, 0, 0), 0.1, TestScenes.RED);
    Shape negative = new Shape.Sphere(Vec3.ZERO, -1, TestScenes.RED);

    assertThatThrownBy(() -> renderer.render(List.of(TestScenes.table(), nan)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shape 1");
    assertThatThrownBy(() -> renderer.render(List.of(negative)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shape 0");
    assertThatThrownBy(() -> renderer.renderInto(List.of(), new byte[10]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("196608");
  }

  private static Renderer jittered(AppearanceJitter jitter, long seed) {
    return new Renderer(jitter.sample(Appearance.DEFAULT, new SplittableRandom(seed)));
  }

  private static Shape box(Vec3 center, double half, Rgb color) {
    return new Shape.Box(Pose.at(center), new Vec3(half, half, half), color);
  }

  private static boolean isReddish(RgbImage image, int x, int y) {
    int r = image.value(x, y, 0);
    return r > 100 && r > 2 * image.value(x, y, 1) && r > 2 * image.value(x, y, 2);
  }

  private static boolean isBluish(RgbImage image, int x, int y) {
    int b = image.value(x, y, 2);
    return b > image.value(x, y, 0) + 50 && b > image.value(x, y, 1) + 20;
  }

  private static int luma(RgbImage image, ImagePoint p) {
    int x = p.column();
    int y = p.row();
    return (image.value(x, y, 0) + image.value(x, y, 1) + image.value(x, y, 2)) / 3;
  }

  private static IntStream colours(RgbImage image) {
    byte[] rgb = image.rgb();
    return IntStream.range(0, rgb.length / 3)
        .map(i ->
            (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF));
  }

  static String sha256(RgbImage image) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image.rgb()));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
